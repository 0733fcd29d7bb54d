// The learner scripts as packages ship them, minified by terser (make minified runs this from
// src/scormbuild/render/minify.py). Reads {"name": "source", ...} as JSON on standard input and
// prints {"minifier": "...", "scripts": {"name": "code", ...}}.
//
// The output is ES2020 (Moodle 4.5, which runs the package, itself needs a browser of that age).
// The options that are not terser's defaults, and why they are safe for these scripts:
// - unsafe_arrows: a function expression that uses neither `this` nor `arguments` becomes an
//   arrow. Unsafe only for a function expression called with `new`; the runtime constructs none
//   (its one constructor, state.js's Reader, is a declaration, which stays as it is).
// - unsafe_methods: `{ f: function () {} }` becomes `{ f() {} }`, which cannot be constructed:
//   again, nothing of the runtime's is.
// - passes: 3: the later passes find what the first ones made possible.
// Property names and the globals the scripts define and read (window.SBState) are never renamed.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { minify } from "terser";

const OPTIONS = {
  ecma: 2020,
  compress: { ecma: 2020, passes: 3, unsafe_arrows: true, unsafe_methods: true },
  format: { ecma: 2020 },
};
const version = createRequire(import.meta.url)("terser/package.json").version;
const sources = JSON.parse(readFileSync(0, "utf-8"));
const scripts = {};
for (const [name, source] of Object.entries(sources)) {
  scripts[name] = (await minify(source, OPTIONS)).code + "\n";
}
const minifier = `terser ${version} ${JSON.stringify(OPTIONS)}`;
process.stdout.write(JSON.stringify({ minifier, scripts }));
