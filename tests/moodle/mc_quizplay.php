<?php
// Usage: php mc_quizplay.php MOODLE_SRC SPEC.json
// Builds a Moodle quiz in course SCORMCHECK from question bank questions (Moodle's quiz API:
// create_module, quiz_add_quiz_question), then has a student answer it once per attempt in SPEC
// through Moodle's question engine (quiz_create_attempt, process_submitted_actions,
// process_finish) and prints what Moodle graded: per question the mark and fraction, per
// attempt the sum and the quiz grade. JSON.
//
// SPEC: {"name": "...", "username": "student1",
//        "questions": [{"id": 12, "type": "single", "mark": 2}, ...],
//        "attempts": [[answer for question 1, answer for question 2, ...], ...]}
// An answer is what the package's quiz.js scores (isCorrect(q, v)), in the source order of
// choices, pairs and items: single/truefalse an index, multiple a list of indexes, fill and
// numeric the text typed, matching a list giving for each left side the index of the right
// side chosen, ordering the item indexes in the order the learner put them.
if ($argc < 3) { fwrite(STDERR, "usage: php mc_quizplay.php MOODLE_SRC SPEC.json\n"); exit(2); }
$specfile = realpath($argv[2]);
if ($specfile === false) { fwrite(STDERR, "no such file\n"); exit(2); }
define('CLI_SCRIPT', true);
require($argv[1] . '/config.php');
require_once($CFG->dirroot . '/course/lib.php');
require_once($CFG->dirroot . '/course/modlib.php');
require_once($CFG->dirroot . '/mod/quiz/lib.php');
require_once($CFG->dirroot . '/mod/quiz/locallib.php');
require_once($CFG->libdir . '/questionlib.php');

use mod_quiz\quiz_attempt;
use mod_quiz\quiz_settings;

$spec = json_decode(file_get_contents($specfile), true);
$course = $DB->get_record('course', ['shortname' => 'SCORMCHECK'], '*', MUST_EXIST);
$student = $DB->get_record('user', ['username' => $spec['username'] ?? 'student1', 'deleted' => 0], '*', MUST_EXIST);
\core\session\manager::set_user(get_admin());

// The quiz, with the settings of the quiz activity form's defaults: deferred feedback,
// unlimited attempts, highest grade, out of 100.
$mi = (object)[
    'modulename' => 'quiz', 'course' => $course->id, 'section' => 1, 'visible' => 1,
    'name' => $spec['name'] ?? 'scormbuild export check',
    'introeditor' => ['text' => '', 'format' => FORMAT_HTML, 'itemid' => 0],
    'timeopen' => 0, 'timeclose' => 0, 'timelimit' => 0, 'overduehandling' => 'autosubmit',
    'graceperiod' => 0, 'preferredbehaviour' => 'deferredfeedback', 'attempts' => 0,
    'attemptonlast' => 0, 'grademethod' => QUIZ_GRADEHIGHEST, 'decimalpoints' => 5,
    'questiondecimalpoints' => -1, 'questionsperpage' => 0, 'navmethod' => QUIZ_NAVMETHOD_FREE,
    'shuffleanswers' => 1, 'sumgrades' => 0, 'grade' => 100, 'quizpassword' => '', 'subnet' => '',
    'browsersecurity' => '-', 'delay1' => 0, 'delay2' => 0, 'showuserpicture' => 0, 'showblocks' => 0,
    'completion' => 0, 'cmidnumber' => '',
];
foreach (['attempt', 'correctness', 'maxmarks', 'marks', 'specificfeedback', 'generalfeedback',
        'rightanswer', 'overallfeedback'] as $f) {
    foreach (['during', 'immediately', 'open', 'closed'] as $when) {
        $mi->{$f . $when} = 1;
    }
}
$out = ['quiz' => null, 'attempts' => [], 'exception' => null];
try {
    $res = create_module($mi);
    $quiz = $DB->get_record('quiz', ['id' => $res->instance], '*', MUST_EXIST);
    $quiz->cmid = $res->coursemodule;
    foreach ($spec['questions'] as $q) {
        quiz_add_quiz_question((int)$q['id'], $quiz, 0, (float)$q['mark']);
    }
    quiz_settings::create($quiz->id)->get_grade_calculator()->recompute_quiz_sumgrades();
    $quiz = $DB->get_record('quiz', ['id' => $quiz->id]);
    $out['quiz'] = ['id' => (int)$quiz->id, 'cmid' => (int)$res->coursemodule,
        'sumgrades' => (float)$quiz->sumgrades, 'grade' => (float)$quiz->grade];
    // Where the importer put each question: its category's names, from the top down.
    $out['categories'] = [];
    foreach ($spec['questions'] as $q) {
        $names = [];
        $catid = $DB->get_field_sql('SELECT qbe.questioncategoryid FROM {question_bank_entries} qbe
            JOIN {question_versions} qv ON qv.questionbankentryid = qbe.id WHERE qv.questionid = ?',
            [(int)$q['id']]);
        while ($catid) {
            $cat = $DB->get_record('question_categories', ['id' => $catid], 'id, name, parent');
            array_unshift($names, $cat->name);
            $catid = (int)$cat->parent;
        }
        $out['categories'][] = $names;
    }

    \core\session\manager::set_user($student);
    foreach ($spec['attempts'] as $n => $answers) {
        $quizobj = quiz_settings::create($quiz->id, $student->id);
        $quba = question_engine::make_questions_usage_by_activity('mod_quiz', $quizobj->get_context());
        $quba->set_preferred_behaviour($quizobj->get_quiz()->preferredbehaviour);
        $timenow = time();
        $attempt = quiz_create_attempt($quizobj, $n + 1, null, $timenow, false, $student->id);
        quiz_start_new_attempt($quizobj, $quba, $attempt, $n + 1, $timenow);
        quiz_attempt_save_started($quizobj, $quba, $attempt);
        $attemptobj = quiz_attempt::create($attempt->id);
        $post = [];
        foreach ($spec['questions'] as $i => $q) {
            $qa = $attemptobj->get_question_attempt($i + 1);
            $post[$qa->get_control_field_name('sequencecheck')] = (string)$qa->get_sequence_check_count();
            foreach (moodle_response($qa, $q['type'], $answers[$i]) as $name => $value) {
                $post[$qa->get_qt_field_name($name)] = (string)$value;
            }
        }
        $attemptobj->process_submitted_actions($timenow, false, $post);
        $attemptobj->process_finish($timenow, false);
        $attemptobj = quiz_attempt::create($attempt->id);
        $row = ['questions' => [], 'sumgrades' => null, 'grade' => null];
        foreach ($spec['questions'] as $i => $q) {
            $qa = $attemptobj->get_question_attempt($i + 1);
            $row['questions'][] = ['id' => (int)$q['id'], 'mark' => $qa->get_mark(),
                'fraction' => $qa->get_fraction(), 'maxmark' => (float)$qa->get_max_mark(),
                'state' => (string)$qa->get_state(), 'response' => $qa->get_response_summary()];
        }
        $a = $attemptobj->get_attempt();
        $row['state'] = $a->state;
        $row['sumgrades'] = $a->sumgrades === null ? null : (float)$a->sumgrades;
        $row['grade'] = quiz_rescale_grade($a->sumgrades, $quiz, false);
        $out['attempts'][] = $row;
    }
} catch (Throwable $e) {
    $out["exception"] = get_class($e) . ": " . $e->getMessage() . " @" . $e->getLine() . (isset($e->debuginfo) ? ' | ' . $e->debuginfo : '');
}
echo json_encode($out, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE), "\n";
exit($out['exception'] ? 1 : 0);

/** The POST variables (without prefix) of the package's answer $v to question $question. */
function moodle_response(question_attempt $qa, string $type, $v): array {
    $question = $qa->get_question();
    switch ($type) {
        case 'single':
            $ids = array_keys($question->answers);   // import order = source order
            return ['answer' => array_search($ids[$v], $question->get_order($qa))];
        case 'multiple':
            $ids = array_keys($question->answers);
            $r = [];
            foreach ($v as $i) {
                $r['choice' . array_search($ids[$i], $question->get_order($qa))] = 1;
            }
            return $r;
        case 'truefalse':
            return ['answer' => $v == 0 ? 1 : 0];   // the package's choices: t, f
        case 'fill':
        case 'numeric':
            return ['answer' => $v];
        case 'matching':
            $stemids = array_keys($question->stems);
            $r = [];
            foreach ($v as $left => $right) {
                $key = array_search($stemids[$left], $question->get_stem_order());
                $choice = $question->right[$stemids[$right]];
                $r['sub' . $key] = array_search($choice, $question->get_choice_order());
            }
            return $r;
        case 'ordering':
            $correct = array_values($question->correctresponse);   // answer ids, right order
            $keys = [];
            foreach ($v as $i) {
                $keys[] = $question->answers[$correct[$i]]->md5key;
            }
            return [$question->get_response_fieldname() => implode(',', $keys)];
    }
    throw new coding_exception("unknown type $type");
}
