import { describe, expect, it } from "vitest";
import { AprDatabase } from "./apr-database.ts";

const salt = new Uint8Array(16);
const answers = [{ question: "Q?", answer: "a" }];

describe("AprDatabase file order", () => {
  it("keeps rows sorted as each enrolment saves, the same as sorting them all", () => {
    const db = new AprDatabase(3);
    const names = ["mallory", "Bob", "alice", "Zed", "bob2", "Émile", "carol", "alice2", "0day"];
    names.forEach((user, i) => {
      db.enroll(user, answers, salt, i);
      db.serializeUsers(); // the order is made (and kept) as the server saves after each change
      expect(db.users().map((e) => e.user)).toEqual(names.slice(0, i + 1).sort((a, b) => a.localeCompare(b)));
    });
  });

  it("gives the same users text as JSON.stringify of the rows, before and after a row moves", () => {
    const db = new AprDatabase(3);
    for (const user of ["dave", "amy", "carl"]) db.enroll(user, answers, salt, 1);
    const text = () => `APR-SDF/3\n${JSON.stringify(db.users())}`;
    expect(db.serializeUsers()).toBe(text());
    expect(db.serializeUsers()).toBe(text());
    db.enrollment("amy")!.wrongAnswers.push(5);
    expect(db.serializeUsers()).toBe(text());
    db.enroll("Amy", answers, salt, 2); // replaces amy's row under another spelling
    expect(db.serializeUsers()).toBe(text());
    db.format = 2;
    expect(db.serializeUsers()).toBe(`APR-SDF/2\n${JSON.stringify(db.users())}`);
  });
});
