<?php
// Usage: php mc_update.php MOODLE_SRC CMID PACKAGE.zip
// Replaces the package file of an existing SCORM activity the way its settings form does when
// an admin uploads a new file and saves: the file goes into a draft area, the form's package
// check runs (scorm_validate_package), then update_module() runs mod_scorm's update path
// (scorm_update_instance -> scorm_parse -> scorm_parse_scorm, then scorm_update_grades).
// Prints JSON: accepted, form_errors, exception, the SCOs (id, identifier) before and after.
if ($argc < 4) { fwrite(STDERR, "usage: php mc_update.php MOODLE_SRC CMID PACKAGE.zip\n"); exit(2); }
$zipfull = realpath($argv[3]);   // before config.php: Moodle changes the working directory
if ($zipfull === false) { fwrite(STDERR, "no such file\n"); exit(2); }
define('CLI_SCRIPT', true);
require($argv[1] . '/config.php');
require_once($CFG->dirroot . '/course/lib.php');
require_once($CFG->dirroot . '/course/modlib.php');
require_once($CFG->dirroot . '/mod/scorm/lib.php');
require_once($CFG->dirroot . '/mod/scorm/locallib.php');

$admin = get_admin();
\core\session\manager::set_user($admin);
$out = ['package' => basename($zipfull), 'accepted' => false, 'form_errors' => null, 'exception' => null];

function scoes_of($scormid) {
    global $DB;
    $rows = [];
    foreach ($DB->get_records('scorm_scoes', ['scorm' => $scormid], 'sortorder, id') as $sco) {
        $data = $DB->get_records_menu('scorm_scoes_data', ['scoid' => $sco->id], '', 'name, value');
        $rows[] = ['id' => (int)$sco->id, 'identifier' => $sco->identifier, 'title' => $sco->title,
            'launch' => $sco->launch, 'scormtype' => $sco->scormtype, 'data' => $data];
    }
    return $rows;
}

try {
    $cm = get_coursemodule_from_id('scorm', (int)$argv[2], 0, false, MUST_EXIST);
    $course = $DB->get_record('course', ['id' => $cm->course], '*', MUST_EXIST);
    $out['before'] = scoes_of($cm->instance);

    $usercontext = context_user::instance($admin->id);
    $draftid = file_get_unused_draft_itemid();
    $fs = get_file_storage();
    $file = $fs->create_file_from_pathname(['component' => 'user', 'filearea' => 'draft',
        'contextid' => $usercontext->id, 'itemid' => $draftid, 'filepath' => '/',
        'filename' => basename($zipfull)], $zipfull);
    $errors = scorm_validate_package($file);
    if ($errors) {
        $out['form_errors'] = $errors;
    } else {
        // What the settings form holds for this activity, with the new file in the picker.
        list($cm, $context, $module, $data, $cw) = get_moduleinfo_data($cm, $course);
        $data->packagefile = $draftid;
        update_module($data);
        $scorm = $DB->get_record('scorm', ['id' => $cm->instance]);
        $out['accepted'] = true;
        $out['scorm'] = ['sha1hash' => $scorm->sha1hash, 'reference' => $scorm->reference,
            'version' => $scorm->version, 'launch' => (int)$scorm->launch,
            'revision' => (int)$scorm->revision];
        $out['after'] = scoes_of($cm->instance);
    }
} catch (Throwable $e) {
    $out['exception'] = get_class($e) . ': ' . $e->getMessage() . (isset($e->debuginfo) ? ' | ' . $e->debuginfo : '');
}
echo json_encode($out, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), "\n";
