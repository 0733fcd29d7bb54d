/* The shapes the learner runtime works with, for the type checker (`make lint`); never
 * shipped. CourseData is what scormbuild/render/pages.py writes into course-data.js
 * (window.SCORMBUILD_COURSE); the states are what state.js saves and restores. */

export type Constants = typeof import("./constants.json");

export type QuestionType =
  "single" | "multiple" | "truefalse" | "fill" | "numeric" | "matching" | "ordering";

/* The course data is written by the build (render/pages.py) and read back from published
 * packages by `scormbuild diff`: like the saved suspend_data it is a format, so its short keys
 * stay; each is named here. */

export interface QuestionData {
  id: string;
  type: QuestionType;
  points: number;
  /** Content hash of the question as asked and scored: what a saved answer refers to. */
  h: string;
  /** Choices, pairs or items: how many the question has. */
  n: number;
  /** The ids of the choices, pairs or items, as interactions report them. */
  ids: string[];
  /** Fill-in and numeric: the longest answer kept. */
  ml: number;
  /** The answer key: the correct choices (single, multiple, truefalse); nothing for
   * matching and ordering, whose correct answer is the order they are listed in. */
  key: number[] | FillKey | NumericKey;
}

/** a: the accepted answers; cs: whether case counts. */
export interface FillKey { a: string[]; cs: boolean }
/** The lowest and highest accepted value, and the exact one (or null). */
export type NumericKey = [number, number, number | null];

export interface QuizData {
  id: string;
  title?: string;
  /** k: the quiz's key, sk: its scoring key (what a saved attempt and best score refer to). */
  k: string;
  sk: string;
  /** The id of the module the quiz is in. */
  module: string;
  graded: boolean;
  /** 0: unlimited. */
  attempts: number;
  /** How many questions one attempt shows. */
  drawn: number;
  /** so: the order of the questions shown is saved (a pool, or shuffled questions). */
  so: boolean;
  /** sq: shuffle the questions; sc: shuffle the choices. */
  sq: boolean;
  sc: boolean;
  /** Show the correct answers once no attempt is left. */
  show: boolean;
  /** Exam mode: every question answered, then submitted at once (absent: false). */
  exam?: boolean;
  /** The points one attempt can give. */
  max: number;
  questions: QuestionData[];
}

/** k: the module's key (its file name without the number), what a saved visit refers to;
 * h: its content hash (scormbuild diff); multi-SCO mode: key and fp of its own saved state. */
export interface ModuleData {
  id: string; title: string; href: string; k: string; h?: string; key?: string; fp?: string;
}

export interface CourseData {
  id: string;
  title: string;
  lang: string;
  /** The course's version, and the saved-state format its runtime writes. */
  version?: string;
  state?: string;
  /** The key of the course and language that saved state carries. */
  key: string;
  /** The layout fingerprint format 1 carried (still read when the layout is the same). */
  fp: string;
  /** 0-100, or null for none. */
  mastery: number | null;
  completion: string[];
  modules: ModuleData[];
  quizzes: QuizData[];
  strings: Record<string, string>;
  /** One SCO per module. */
  multi?: boolean;
}

/** An answer as the page reads it: a choice, the choices, a text, or one index per row. */
export type Answer = number | number[] | string | null;

/** A question of the attempt shown, as the page has it: its element, its data, its place in
 * the attempt and the learner's answer on the page. */
export type Entry = [HTMLElement, QuestionData, number, Answer];

/** What quiz-ui.js lends exam mode (exam.js) of a quiz on the page. */
export interface ExamHost {
  /** Every question of the attempt with the answer on the page now. */
  entries(): Entry[];
  /** Why an answer cannot be taken: a string key, "" when it can. */
  problem(q: QuestionData, v: Answer): string;
  /** Takes the answers, scores them and saves them at once. */
  record(entries: Entry[]): void;
  /** Whether the attempt takes answers: started, not finished, not locked. */
  open(): boolean;
  /** Saves the answers on the page as the attempt's draft, if they changed. */
  keep(): void;
}

export interface QuizState {
  /** Attempts started; 0: never started. */
  attempts: number;
  /** The seed of the current attempt's draws and shuffles. */
  seed: number;
  /** The best finished attempt, 0..BEST_SCALE, or null. */
  best: number | null;
  /** The questions of this attempt in the order shown, when the quiz stores it. */
  order: number[] | null;
  /** One answer per question shown (null: not answered yet). */
  answers: Answer[];
  /** Exam mode: the answers on the page, given but not yet submitted, one per question shown. */
  draft?: Answer[];
}

export interface LearnerState {
  visited: boolean[];
  /** Interactions written so far (the index of the next one). */
  interactions: number;
  quizzes: QuizState[];
}

/** Format 2 saved progress as state.js reads it, before it is matched to the course. */
export interface SavedProgress {
  /** The course key it was saved under. */
  key: string;
  /** The keys of the modules seen. */
  visited: string[];
  interactions: number;
  /** The quizzes started. */
  quizzes: SavedQuiz[];
}

export interface SavedQuiz {
  /** The quiz's key and scoring key when it was saved. */
  key: string;
  scoring: string;
  attempts: number;
  seed: number;
  best: number | null;
  /** One per question of the attempt, in the order shown. */
  entries: SavedEntry[];
}

/** hash: the question's content hash; token: its answer, encoded ("" when unanswered);
 * draft: the answer was given in an exam but not yet submitted (absent in format 1). */
export interface SavedEntry { hash: string; token: string; draft?: boolean }

/** Saved progress read under the package as it is now, and the quizzes (indexes) with
 * questions to answer again. */
export interface Restored { state: LearnerState; redo: number[] }

/** The SCORM 1.2 API object an LMS puts in a window (window.API). */
export interface ScormApi {
  LMSInitialize(empty: string): unknown;
  LMSFinish(empty: string): unknown;
  LMSGetValue(name: string): unknown;
  LMSSetValue(name: string, value: string): unknown;
  LMSCommit(empty: string): unknown;
  LMSGetLastError(): unknown;
  LMSGetErrorString(code: unknown): unknown;
}

/** An interaction as quiz.js reports an answer (written as cmi.interactions.n.*). */
export interface Interaction {
  id: string;
  type: string;
  response: string;
  correct: string | null;
  result: "correct" | "wrong";
  weighting: number;
  /** Milliseconds. */
  latency: number;
  time: string;
}

/** A SCORM session as session.js opens it. */
export type Session = ReturnType<typeof import("./session.js").open>;
/** The launch page's session, which the module pages in its frame use (single-SCO mode). */
export type Shell = Session & { resize?: (height: number) => void };

declare global {
  interface Window {
    SCORMBUILD_COURSE: CourseData;
    SCORMBUILD_SHELL?: Shell;
    /** The module page's quiz store, for blocks that keep a result (a scored scenario). */
    SBPage?: { store: unknown };
  }
}
