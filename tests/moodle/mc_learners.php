<?php
// Usage: php mc_learners.php MOODLE_SRC USERS.json
// Creates each user of USERS.json ([{"username", "password", "firstname", "lastname", "email"}])
// with Moodle's user API (user_create_user) unless it exists, and enrols it as a student in
// course SCORMCHECK (the manual enrolment plugin). Prints JSON: username => user id.
if ($argc < 3) { fwrite(STDERR, "usage: php mc_learners.php MOODLE_SRC USERS.json\n"); exit(2); }
$usersfile = realpath($argv[2]);
if ($usersfile === false) { fwrite(STDERR, "no such file\n"); exit(2); }
define('CLI_SCRIPT', true);
require($argv[1] . '/config.php');
require_once($CFG->dirroot . '/user/lib.php');
require_once($CFG->libdir . '/enrollib.php');

\core\session\manager::set_user(get_admin());
$course = $DB->get_record('course', ['shortname' => 'SCORMCHECK'], '*', MUST_EXIST);
$context = context_course::instance($course->id);
$plugin = enrol_get_plugin('manual');
$instance = $DB->get_record('enrol', ['courseid' => $course->id, 'enrol' => 'manual'], '*', MUST_EXIST);
$studentrole = $DB->get_record('role', ['shortname' => 'student'], '*', MUST_EXIST);
$out = [];
foreach (json_decode(file_get_contents($usersfile), true) as $u) {
    $user = $DB->get_record('user', ['username' => $u['username'], 'deleted' => 0]);
    if (!$user) {
        $id = user_create_user((object)[
            'username' => $u['username'], 'password' => $u['password'], 'firstname' => $u['firstname'],
            'lastname' => $u['lastname'], 'email' => $u['email'], 'auth' => 'manual', 'confirmed' => 1,
            'mnethostid' => $CFG->mnet_localhost_id, 'lang' => 'en',
        ], true, false);
        $user = $DB->get_record('user', ['id' => $id]);
    }
    set_user_preference('drawer-open-index', 0, $user->id);
    if (!is_enrolled($context, $user)) {
        $plugin->enrol_user($instance, $user->id, $studentrole->id);
    }
    $out[$u['username']] = (int)$user->id;
}
echo json_encode($out, JSON_PRETTY_PRINT), "\n";
