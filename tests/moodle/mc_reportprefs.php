<?php
// Usage: php mc_reportprefs.php MOODLE_SRC QTEXT RESP RIGHT RESULT [DETAILED]
// Sets the admin's options of the SCORM Interactions report (the checkboxes under the report:
// question, response, right answer, result; 1 or 0) and of the Basic report ("Show detailed
// report", DETAILED, default 0): the user preferences that the reports' settings forms save
// and their downloads use.
if ($argc < 6) { fwrite(STDERR, "usage: php mc_reportprefs.php MOODLE_SRC QTEXT RESP RIGHT RESULT\n"); exit(2); }
define('CLI_SCRIPT', true);
require($argv[1] . '/config.php');
$admin = get_admin();
$names = ['qtext', 'resp', 'right', 'result'];
foreach ($names as $i => $name) {
    set_user_preference('scorm_report_interactions_' . $name, (int)$argv[$i + 2], $admin->id);
}
set_user_preference('scorm_report_detailed', (int)($argv[6] ?? 0), $admin->id);
echo json_encode(['ok' => true]), "\n";
