import { LabError } from "../../kernel/index.ts";
import { hashAnswer } from "./answer-hash.ts";

/** One enrolled user (a row of the User table). Answers only as salted hashes. */
export interface Enrollment {
  readonly user: string;
  readonly questions: readonly string[];
  readonly saltHex: string;
  readonly answerHashes: readonly string[];
  readonly enrolledAt: number;
  /** Times (ms since 1970) of recent wrong answers, for the lockout window. */
  wrongAnswers: number[];
  lockedUntil?: number;
}

export type AuditEvent = "enroll" | "reset" | "change" | "wrong-answers" | "lockout" | "failed" | "import";

/** One row of the audit log (aprlog.sdf). Never holds an answer or a password. */
export interface AuditEntry {
  readonly at: number;
  readonly user: string;
  readonly event: AuditEvent;
  readonly result: string;
  readonly web?: string;
}

/** The lab's own file format for apr.sdf / aprlog.sdf (real SQL Server Compact files are binary). */
export type DatabaseFormat = 2 | 3;
const USERS_MAGIC = "APR-SDF";
const LOG_MAGIC = "APR-LOG";

export const DB_FILE = "apr.sdf";
export const LOG_FILE = "aprlog.sdf";

/**
 * The APR database: the User table (enrolments) and the audit log. A model
 * object; the server runtime persists it as the two files in the database
 * folder, and moving, backing up or importing acts on those files.
 */
export class AprDatabase {
  readonly #users = new Map<string, Enrollment>();
  readonly #audit: AuditEntry[] = [];
  /**
   * The files are written after every change, but a change touches one row:
   * the users in file order (re-sorted only when a row is added or replaced),
   * each row's JSON (until its mutable fields move) and the log's text as
   * written last (appended to, made again when the log is trimmed).
   */
  #sorted: Enrollment[] | undefined;
  /** By user name, checked against the row itself (a WeakMap by row cost more than the stringify it saved). */
  readonly #rowJson = new Map<string, RowJson>();
  /** The log file's text as last made (its write flattened it), the audit rows and format it holds; undefined once trimmed. */
  #logText: string | undefined;
  #logRows = 0;
  #logFormat: DatabaseFormat | undefined;
  /** The users file's text as last made, and the row texts it was made of (a change or a reset moves none). */
  #usersText: string | undefined;
  #usersFormat: DatabaseFormat | undefined;
  #usersRows: string[] = [];

  constructor(
    public format: DatabaseFormat = 3,
    private readonly auditLimit = Number.POSITIVE_INFINITY,
  ) {}

  static key(user: string): string {
    return user.toLowerCase();
  }

  enroll(user: string, answers: readonly { question: string; answer: string }[], salt: Uint8Array, at: number): Enrollment {
    const enrollment: Enrollment = {
      user,
      questions: answers.map((a) => a.question),
      saltHex: Buffer.from(salt).toString("hex"),
      answerHashes: answers.map((a) => hashAnswer(salt, a.answer)),
      enrolledAt: at,
      wrongAnswers: [],
    };
    this.#setUser(enrollment);
    return enrollment;
  }

  enrollment(user: string): Enrollment | undefined {
    return this.#users.get(AprDatabase.key(user));
  }

  users(): Enrollment[] {
    return this.#fileOrder().slice();
  }

  #fileOrder(): readonly Enrollment[] {
    return (this.#sorted ??= [...this.#users.values()].sort(byUser));
  }

  #setUser(enrollment: Enrollment): void {
    const key = AprDatabase.key(enrollment.user);
    const added = !this.#users.has(key);
    this.#users.set(key, enrollment);
    // A new user goes in after every row that sorts before or level with it: where the stable sort of the
    // rows in insertion order puts it, without sorting every row again (each enrolment saves the file).
    // A replaced row keeps its place in the map, perhaps not in the order: sorted again when next needed.
    if (added && this.#sorted) this.#sorted.splice(upperBound(this.#sorted, enrollment), 0, enrollment);
    else this.#sorted = undefined;
  }

  get userCount(): number {
    return this.#users.size;
  }

  audit(entry: AuditEntry): void {
    this.#audit.push(entry);
    // Trimmed in chunks: a splice per entry would move the whole log every time.
    if (this.#audit.length > this.auditLimit * 2) {
      this.#audit.splice(0, this.#audit.length - this.auditLimit);
      this.#logText = undefined;
      this.#logRows = 0;
    }
  }

  auditLog(): readonly AuditEntry[] {
    return this.#audit;
  }

  /** The same text as JSON.stringify of users(), from the rows' remembered JSON. */
  serializeUsers(): string {
    const rows = this.#fileOrder();
    const texts = this.#usersRows;
    // The same row texts in the same order (and format) give the same file: the text made last time, which
    // its first write already flattened, rather than a new concatenation of every row.
    let same = this.#usersText !== undefined && this.#usersFormat === this.format && texts.length === rows.length;
    for (let i = 0; i < rows.length; i++) {
      const text = this.#rowText(rows[i]!);
      if (texts[i] !== text) {
        texts[i] = text;
        same = false;
      }
    }
    if (same) return this.#usersText!;
    texts.length = rows.length;
    this.#usersFormat = this.format;
    return (this.#usersText = `${USERS_MAGIC}/${this.format}\n[${texts.join(",")}]`);
  }

  /** The same text as JSON.stringify of the audit log: audit rows never change, so only new ones are encoded. */
  serializeLog(): string {
    const audit = this.#audit;
    const known = this.#logText !== undefined && this.#logFormat === this.format;
    if (known && this.#logRows === audit.length) return this.#logText!;
    // New rows go onto the last text (flat since its write) minus its "]": the write copies one flat string and one
    // short tail, not a rope of every row's piece as a concatenated log would be.
    let text = known ? this.#logText!.slice(0, -1) : `${LOG_MAGIC}/${this.format}\n[`;
    for (let i = known ? this.#logRows : 0; i < audit.length; i++) text += (i === 0 ? "" : ",") + JSON.stringify(audit[i]);
    this.#logRows = audit.length;
    this.#logFormat = this.format;
    return (this.#logText = `${text}]`);
  }

  /** A row's JSON, encoded again only when what the server changes in a row (wrong answers, lockout) moved. */
  #rowText(e: Enrollment): string {
    const wrong = e.wrongAnswers;
    const known = this.#rowJson.get(e.user);
    if (
      known &&
      known.row === e &&
      known.wrong === wrong &&
      known.wrongCount === wrong.length &&
      known.lastWrong === wrong[wrong.length - 1] &&
      known.lockedUntil === e.lockedUntil
    ) {
      return known.text;
    }
    const text = JSON.stringify(e);
    this.#rowJson.set(e.user, { row: e, text, wrong, wrongCount: wrong.length, lastWrong: wrong[wrong.length - 1], lockedUntil: e.lockedUntil });
    return text;
  }

  /** Reads the two files; a missing log is an empty one, a damaged file is an error with its name. */
  static parse(usersText: string, logText: string | undefined): AprDatabase {
    const users = splitFile(usersText, USERS_HEAD, DB_FILE);
    const db = new AprDatabase(users.format);
    for (const e of users.rows as Enrollment[]) {
      if (typeof e?.user !== "string" || !Array.isArray(e.answerHashes)) throw damaged(DB_FILE, "a user row lacks its fields");
      db.#setUser({ ...e, wrongAnswers: [...(e.wrongAnswers ?? [])] });
    }
    if (logText !== undefined) {
      const log = splitFile(logText, LOG_HEAD, LOG_FILE);
      for (const a of log.rows as AuditEntry[]) db.#audit.push(a);
    }
    return db;
  }

  /** The 3.x import of a 2.x database: same rows, the new format, and an audit line saying so. */
  static importFrom(old: AprDatabase, at: number): AprDatabase {
    const db = new AprDatabase(3);
    for (const e of old.users()) db.#setUser({ ...e, wrongAnswers: [] });
    for (const a of old.auditLog()) db.#audit.push(a);
    db.#audit.push({ at, user: "-", event: "import", result: `imported ${old.userCount} users from a V${old.format} database` });
    return db;
  }
}

function byUser(a: Enrollment, b: Enrollment): number {
  return a.user.localeCompare(b.user);
}

/** The index after the last row that does not sort after `row`. */
function upperBound(rows: readonly Enrollment[], row: Enrollment): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (byUser(rows[mid]!, row) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** What a row's JSON was made from, of the fields the server changes in place. */
interface RowJson {
  readonly row: Enrollment;
  readonly text: string;
  readonly wrong: readonly number[];
  readonly wrongCount: number;
  readonly lastWrong: number | undefined;
  readonly lockedUntil: number | undefined;
}

/** The format of a database file, without parsing the rows (what Setup looks at). */
export function databaseFormatOf(usersText: string): DatabaseFormat | undefined {
  const m = /^APR-SDF\/(\d)\n/.exec(usersText);
  return m && (m[1] === "2" || m[1] === "3") ? (Number(m[1]) as DatabaseFormat) : undefined;
}

// Not global: exec keeps no position between files.
const USERS_HEAD = new RegExp(`^${USERS_MAGIC}/(\\d)$`);
const LOG_HEAD = new RegExp(`^${LOG_MAGIC}/(\\d)$`);

function splitFile(text: string, magic: RegExp, file: string): { format: DatabaseFormat; rows: unknown[] } {
  const nl = text.indexOf("\n");
  const head = nl < 0 ? text : text.slice(0, nl);
  const m = magic.exec(head);
  if (!m || (m[1] !== "2" && m[1] !== "3")) throw damaged(file, "not a Password Reset database");
  let rows: unknown;
  try {
    rows = JSON.parse(text.slice(nl + 1));
  } catch {
    throw damaged(file, "its contents are damaged");
  }
  if (!Array.isArray(rows)) throw damaged(file, "its contents are damaged");
  return { format: Number(m[1]) as DatabaseFormat, rows };
}

function damaged(file: string, why: string): LabError {
  return new LabError({ code: "APR_DB_DAMAGED", message: `${file}: ${why}`, remedy: "Restore the database files from the backup." });
}
