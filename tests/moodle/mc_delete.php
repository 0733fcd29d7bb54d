<?php
// Usage: php mc_delete.php MOODLE_SRC CMID [CMID...]
// Deletes the given course modules (the SCORM activities one test run created), leaving those of
// any other run that shares the site. Prints JSON: the ids deleted.
if ($argc < 3) { fwrite(STDERR, "usage: php mc_delete.php MOODLE_SRC CMID [CMID...]\n"); exit(2); }
define('CLI_SCRIPT', true);
require($argv[1] . '/config.php');
require_once($CFG->dirroot . '/course/lib.php');
\core\session\manager::set_user(get_admin());
$deleted = [];
foreach (array_slice($argv, 2) as $cmid) {
    if ($DB->record_exists('course_modules', ['id' => (int)$cmid])) {
        course_delete_module((int)$cmid);
        $deleted[] = (int)$cmid;
    }
}
echo json_encode(['deleted' => $deleted]), "\n";
