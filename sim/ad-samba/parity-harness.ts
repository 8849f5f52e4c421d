import { InMemoryDirectoryAdmin } from "./in-memory-directory-admin.ts";
import type { ParityCase } from "./parity-case.ts";
import { ParityNames } from "./parity-names.ts";
import { runParityCase, type ParityCaseReport, type ParitySide } from "./parity-runner.ts";
import { buildStage } from "./parity-stage.ts";
import type { SambaDc } from "./samba-dc.ts";
import { SambaDirectoryAdmin } from "./samba-directory-admin.ts";

/**
 * One DC for many cases: the stage is built on Samba once, and each case
 * gets a fresh in-memory directory (with the same stage) and its own name
 * prefix on the DC, so cases never see each other's users.
 */
export class ParityHarness {
  readonly #dc: SambaDc;
  readonly #samba: ParitySide & { admin: SambaDirectoryAdmin };
  #cases = 0;

  private constructor(dc: SambaDc, samba: ParitySide & { admin: SambaDirectoryAdmin }) {
    this.#dc = dc;
    this.#samba = samba;
  }

  static async open(dc: SambaDc): Promise<ParityHarness> {
    const admin = await SambaDirectoryAdmin.connect(dc);
    const stage = await buildStage(admin);
    return new ParityHarness(dc, { admin, stage, domain: dc.endpoint });
  }

  /** A fresh in-memory side, named like the DC, with the stage built. */
  async memorySide(seed: number): Promise<ParitySide> {
    const admin = InMemoryDirectoryAdmin.like(this.#dc.endpoint, seed);
    return { admin, stage: await buildStage(admin), domain: this.#dc.endpoint };
  }

  /** Setup on the DC, for tests that build on the stage (the APR reset path). */
  get sambaAdmin(): SambaDirectoryAdmin {
    return this.#samba.admin;
  }

  async run(parityCase: ParityCase): Promise<ParityCaseReport> {
    const n = ++this.#cases;
    const names = new ParityNames(`p${n.toString(36)}`);
    const memory = await this.memorySide(n);
    return runParityCase(parityCase, { memory, samba: this.#samba }, names);
  }

  async close(): Promise<void> {
    await this.#samba.admin.close();
  }
}
