/* The shapes the test LMS works with (preview/static: lms-site.js the site, lms-api.js the
 * player, lms.js the preview page), for the type checker (`make lint`); never served. */

/** SCORM 1.2 data model values by element, as the player and the site keep them. */
export type Values = Record<string, string>;

/** A SCO as the manifest lists it. */
export interface ScoEntry {
  identifier: string;
  title: string;
  href: string;
  /** adlcp:masteryscore, or null for none. */
  mastery: number | null;
}

/** mod_scorm's fields of an activity (lms-site.js DEFAULTS: Moodle's defaults). */
export interface Settings {
  grademethod: number;
  maxgrade: number;
  gradepass: number;
  maxattempt: number;
  whatgrade: number;
  forcenewattempt: number;
  lastattemptlock: number;
  forcecompleted: number;
  masteryoverride: number;
  hidebrowse: number;
  completionstatusrequired: number;
  completionstatusallscos: number;
  completionscorerequired: number | null;
}

/** What a site stored: tracks per attempt ("1", "2", ...) and SCO identifier. */
export interface SiteData {
  attempts: Record<string, Record<string, Values>>;
}

export interface User { id: string; name: string }

export interface SiteConfig {
  scos?: ScoEntry[];
  settings?: Partial<Settings>;
  data?: SiteData | null;
  user?: User;
}

/** The attempt and mode of a launch (scorm_check_mode). */
export interface Launch { attempt: number; mode: string }

/** What the player hands a SCO when it opens (get_scorm_default); the player adds what it
 * has saved of them since, and whether Moodle's LMSInitialize now throws for the SCO. */
export interface Defaults {
  values: Values;
  interactions: Values;
  sent?: Values;
  broken?: boolean;
}

export type Site = ReturnType<typeof import("./static/lms-site.js").site>;

/** Failure modes a test asks the player for (not something Moodle does, except `standards`). */
export interface PlayerOptions {
  /** Moodle's "standards mode" lengths (255 and 4096 characters); on unless false. */
  standards?: boolean;
  /** Beacons sent close together are stored in the worst order. */
  reorder?: "reverse" | false;
  /** Every commit fails (true), or the next N do. */
  commitFails?: boolean | number;
  /** Every LMSSetValue fails (true), or those of these elements (a prefix ends with "."). */
  setFails?: boolean | string[];
  /** Overrides the credit Moodle gives. */
  credit?: string;
}

/** An element of the data model: read-only, read-write or write-only; its format (a regular
 * expression) and range. */
export interface ElementRule {
  mod: "r" | "rw" | "w";
  format?: string;
  range?: [number, number];
}

/** One save the player sends (CollectData's elements). */
export interface Save { sco: string; values: Values; t: number }

/** One API call as the player logs it. */
export interface Call { fn: string; args: string[]; result: string; error: string; sco: string; t: number }

/** An LMSSetValue that Moodle's rules refuse. */
export interface Violation { element: string; value: string; length: number; code: string; message: string }

export type ApiName =
  | "LMSInitialize" | "LMSFinish" | "LMSGetValue" | "LMSSetValue" | "LMSCommit"
  | "LMSGetLastError" | "LMSGetErrorString" | "LMSGetDiagnostic";
/** The SCORM 1.2 API's functions, each taking what the SCO passes (window.API). */
export type ScormCalls = Record<ApiName, (...args: unknown[]) => string>;

export type Player = ReturnType<typeof import("./static/lms-api.js").player>;
export type LmsApi = ReturnType<Player["api"]>;

/** The preview's launch: the site and player, the SCO's API and whether it finished. */
export interface PreviewSession {
  site: Site;
  player: Player;
  api: LmsApi;
  identifier: string;
  finished: boolean;
}

/** What the preview server says of the last build (/_preview/status). */
export interface BuildStatus {
  ok: boolean;
  version: number;
  millis: number;
  message: string;
  languages: string[];
  problems: unknown[];
  /** null until a build has read course.yml. */
  course: CourseInfo | null;
}

export interface CourseInfo {
  id: string;
  title: string;
  version?: string;
  languages: string[];
  mastery_score: number | null;
}

declare global {
  interface Window {
    SBLmsSite: typeof import("./static/lms-site.js");
    SBLmsApi: typeof import("./static/lms-api.js");
    /** The preview's API, which the course in its frame finds. */
    API?: ScormCalls;
  }
}
