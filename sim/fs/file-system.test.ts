import { describe, expect, it } from "vitest";
import { isLabError, errorCodeOf } from "../kernel/index.ts";
import { FileSystem } from "./file-system.ts";
import type { FsChange } from "./fs-types.ts";

const MB = 1024 * 1024;

function makeFs(changes?: FsChange[]): FileSystem {
  return new FileSystem({
    drives: [
      { letter: "C", sizeBytes: 100 * MB, freeBytes: 10 * MB },
      { letter: "D:", sizeBytes: 50 * MB },
    ],
    onChange: changes ? (c) => changes.push(c) : undefined,
  });
}

const codeOf = errorCodeOf;

describe("FileSystem construction", () => {
  it("refuses bad drive specs with INVALID_ARGUMENT", () => {
    expect(codeOf(() => new FileSystem({ drives: [] }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => new FileSystem({ drives: [{ letter: "CC", sizeBytes: 1 }] }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => new FileSystem({ drives: [{ letter: "C", sizeBytes: 1 }, { letter: "c:", sizeBytes: 1 }] }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => new FileSystem({ drives: [{ letter: "C", sizeBytes: 10, freeBytes: 11 }] }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => new FileSystem({ drives: [{ letter: "C", sizeBytes: -1 }] }))).toBe("INVALID_ARGUMENT");
  });

  it("starts with the declared free space, or the whole drive", () => {
    const fs = makeFs();
    expect(fs.freeBytes("C")).toBe(10 * MB);
    expect(fs.freeBytes("d:\\")).toBe(50 * MB);
    expect(fs.drives()).toEqual([
      { letter: "C:", sizeBytes: 100 * MB, freeBytes: 10 * MB },
      { letter: "D:", sizeBytes: 50 * MB, freeBytes: 50 * MB },
    ]);
  });
});

describe("paths and case", () => {
  it("finds a file whatever the case or separator, and keeps the case it was created with", () => {
    const fs = makeFs();
    fs.writeFile("C:\\Temp\\Setup.LOG", "hello");
    expect(fs.readText("c:/temp/setup.log")).toBe("hello");
    expect(fs.exists("C:\\TEMP\\SETUP.log")).toBe(true);
    expect(fs.normalise("c:\\temp\\setup.log")).toBe("C:\\Temp\\Setup.LOG");
    expect(fs.normalise("c:\\temp\\new\\x.txt")).toBe("C:\\Temp\\new\\x.txt");
    expect(fs.list("C:\\")).toEqual([{ name: "Temp", kind: "dir" }]);
  });

  it("overwriting under another case keeps the original name", () => {
    const fs = makeFs();
    fs.writeFile("C:\\App\\Config.xml", "a");
    fs.writeFile("c:\\app\\CONFIG.XML", "b");
    expect(fs.list("C:\\App")).toEqual([{ name: "Config.xml", kind: "file" }]);
    expect(fs.readText("C:\\App\\Config.xml")).toBe("b");
  });

  it("treats Program Files and Program Files (x86) as separate folders", () => {
    const fs = makeFs();
    fs.mkdir("C:\\Program Files");
    fs.mkdir("C:\\Program Files (x86)");
    fs.writeFile("C:\\Program Files (x86)\\Vendor\\agent.dll", "x86");
    expect(fs.exists("C:\\Program Files\\Vendor\\agent.dll")).toBe(false);
    expect(fs.isFile("C:\\Program Files (x86)\\Vendor\\agent.dll")).toBe(true);
    expect(fs.list("C:\\")).toEqual([
      { name: "Program Files", kind: "dir" },
      { name: "Program Files (x86)", kind: "dir" },
    ]);
  });

  it("answers queries about a missing drive with false, but refuses to write to it", () => {
    const fs = makeFs();
    expect(fs.exists("Z:\\x")).toBe(false);
    expect(fs.readFile("Z:\\x")).toBeUndefined();
    expect(fs.delete("Z:\\x")).toBe(false);
    expect(codeOf(() => fs.writeFile("Z:\\x", "a"))).toBe("NO_SUCH_DRIVE");
    expect(codeOf(() => fs.freeBytes("Z"))).toBe("NO_SUCH_DRIVE");
    expect(codeOf(() => fs.writeFile("C:\\x", "a"))).toBeUndefined();
  });

  it("refuses malformed paths with INVALID_PATH", () => {
    const fs = makeFs();
    expect(codeOf(() => fs.exists("relative\\path"))).toBe("INVALID_PATH");
    expect(codeOf(() => fs.writeFile("C:\\bad<name>.txt", "a"))).toBe("INVALID_PATH");
  });
});

describe("files and folders", () => {
  it("creates parent folders on write, and tells file from folder", () => {
    const fs = makeFs();
    fs.writeFile("C:\\Inetpub\\wwwroot\\app\\web.config", "<configuration/>");
    expect(fs.isDirectory("C:\\Inetpub\\wwwroot")).toBe(true);
    expect(fs.isFile("C:\\Inetpub\\wwwroot")).toBe(false);
    expect(fs.isFile("C:\\Inetpub\\wwwroot\\app\\web.config")).toBe(true);
    expect(fs.stat("C:\\Inetpub")).toEqual({ path: "C:\\Inetpub", name: "Inetpub", kind: "dir", size: 16 });
  });

  it("stores bytes as given and hands out copies", () => {
    const fs = makeFs();
    const bytes = new Uint8Array([1, 2, 3]);
    fs.writeFile("C:\\b.bin", bytes);
    bytes[0] = 9;
    const entry = fs.readFile("C:\\b.bin")!;
    expect([...entry.content]).toEqual([1, 2, 3]);
    entry.content[1] = 9;
    expect([...fs.readFile("C:\\b.bin")!.content]).toEqual([1, 2, 3]);
  });

  it("reads text back as UTF-8 gives it, through copies, moves and rewrites as bytes", () => {
    const fs = makeFs();
    fs.writeFile("C:\\t\\a.txt", "héllo 🙂");
    expect(fs.readText("C:\\t\\a.txt")).toBe("héllo 🙂");
    // A byte-order mark is written, and dropped on reading as text (as the bytes decode).
    fs.writeFile("C:\\t\\bom.txt", "\uFEFFhello");
    expect(fs.readText("C:\\t\\bom.txt")).toBe("hello");
    expect(fs.readFile("C:\\t\\bom.txt")!.content.slice(0, 3)).toEqual(Uint8Array.from([0xef, 0xbb, 0xbf]));
    fs.writeFile("C:\\t\\page.htm", "<p>déjà</p>");
    expect(fs.readText("C:\\t\\page.htm")).toBe("<p>déjà</p>");
    const entry = fs.readFile("C:\\t\\page.htm")!;
    expect([...entry.content]).toEqual([...new TextEncoder().encode("<p>déjà</p>")]);
    expect(entry.size).toBe(13);
    // A lone surrogate cannot be stored in UTF-8: it reads back as U+FFFD, as the bytes say.
    fs.writeFile("C:\\t\\odd.txt", "a\uD800b");
    expect(fs.readText("C:\\t\\odd.txt")).toBe("a\uFFFDb");
    expect(new TextDecoder().decode(fs.readFile("C:\\t\\odd.txt")!.content)).toBe("a\uFFFDb");
    fs.copy("C:\\t\\a.txt", "C:\\t\\b.txt");
    fs.move("C:\\t\\b.txt", "D:\\b.txt");
    expect(fs.readText("D:\\b.txt")).toBe("héllo 🙂");
    fs.writeFile("D:\\b.txt", new TextEncoder().encode("bytes now"));
    expect(fs.readText("D:\\b.txt")).toBe("bytes now");
  });

  it("refuses to write a file over a folder, or below a file", () => {
    const fs = makeFs();
    fs.writeFile("C:\\a\\f.txt", "x");
    expect(codeOf(() => fs.writeFile("C:\\a", "x"))).toBe("IS_A_DIRECTORY");
    expect(codeOf(() => fs.writeFile("C:\\a\\f.txt\\g.txt", "x"))).toBe("NOT_A_DIRECTORY");
    expect(codeOf(() => fs.mkdir("C:\\a\\f.txt"))).toBe("ALREADY_EXISTS");
    expect(codeOf(() => fs.list("C:\\a\\f.txt"))).toBe("NOT_A_DIRECTORY");
    expect(codeOf(() => fs.list("C:\\nowhere"))).toBe("FILE_NOT_FOUND");
    expect(codeOf(() => fs.mkdir("C:\\a"))).toBeUndefined();
  });

  it("lists and walks in case-insensitive order", () => {
    const fs = makeFs();
    fs.writeFile("C:\\w\\b.txt", "");
    fs.writeFile("C:\\w\\A.txt", "");
    fs.writeFile("C:\\w\\sub\\z.txt", "");
    fs.writeFile("C:\\w\\Sub2\\a.txt", "");
    expect(fs.list("C:\\w").map((e) => e.name)).toEqual(["A.txt", "b.txt", "sub", "Sub2"]);
    expect(fs.walk("c:\\W")).toEqual(["C:\\w\\A.txt", "C:\\w\\b.txt", "C:\\w\\sub\\z.txt", "C:\\w\\Sub2\\a.txt"]);
  });

  it("deletes files, empty folders, and non-empty folders only when recursive", () => {
    const fs = makeFs();
    fs.writeFile("C:\\d\\sub\\f.txt", "x");
    fs.mkdir("C:\\empty");
    expect(codeOf(() => fs.delete("C:\\d"))).toBe("DIRECTORY_NOT_EMPTY");
    expect(fs.exists("C:\\d\\sub\\f.txt")).toBe(true);
    expect(fs.delete("C:\\empty")).toBe(true);
    expect(fs.delete("C:\\d", { recursive: true })).toBe(true);
    expect(fs.exists("C:\\d")).toBe(false);
    expect(fs.delete("C:\\d")).toBe(false);
    expect(codeOf(() => fs.delete("C:\\"))).toBe("INVALID_PATH");
  });
});

describe("file versions", () => {
  it("records a version and drops it when the file is rewritten without one", () => {
    const fs = makeFs();
    fs.writeFile("C:\\App\\core.dll", "v1", { version: "3.23.0.0" });
    expect(fs.fileVersion("c:\\app\\CORE.dll")).toBe("3.23.0.0");
    expect(fs.readFile("C:\\App\\core.dll")!.version).toBe("3.23.0.0");
    fs.writeFile("C:\\App\\core.dll", "patched");
    expect(fs.fileVersion("C:\\App\\core.dll")).toBeUndefined();
    expect(fs.fileVersion("C:\\App")).toBeUndefined();
  });

  it("refuses a malformed version without writing anything", () => {
    const fs = makeFs();
    expect(codeOf(() => fs.writeFile("C:\\x.dll", "x", { version: "3.x" }))).toBe("INVALID_VERSION");
    expect(fs.exists("C:\\x.dll")).toBe(false);
  });

  it("keeps versions through copy and move", () => {
    const fs = makeFs();
    fs.writeFile("C:\\src\\a.dll", "a", { version: "1.2.3.4" });
    fs.writeFile("C:\\src\\lib\\b.dll", "b", { version: "5.6.0.0" });
    fs.copy("C:\\src", "D:\\backup");
    expect(fs.fileVersion("D:\\backup\\a.dll")).toBe("1.2.3.4");
    expect(fs.fileVersion("D:\\backup\\lib\\b.dll")).toBe("5.6.0.0");
    fs.move("C:\\src\\a.dll", "C:\\moved.dll");
    expect(fs.fileVersion("C:\\moved.dll")).toBe("1.2.3.4");
  });
});

describe("free space", () => {
  it("writes take space, overwrites take the difference, deletes give it back", () => {
    const fs = makeFs();
    const start = fs.freeBytes("C");
    fs.writeFile("C:\\f.txt", "12345");
    expect(fs.freeBytes("C")).toBe(start - 5);
    fs.writeFile("C:\\f.txt", "12");
    expect(fs.freeBytes("C")).toBe(start - 2);
    fs.delete("C:\\f.txt");
    expect(fs.freeBytes("C")).toBe(start);
    expect(fs.freeBytes("D")).toBe(50 * MB);
  });

  it("counts an explicit size for a big file instead of its placeholder content", () => {
    const fs = makeFs();
    fs.writeFile("C:\\setup.msi", "", { size: 4 * MB });
    expect(fs.readFile("C:\\setup.msi")!.size).toBe(4 * MB);
    expect(fs.freeBytes("C")).toBe(6 * MB);
    expect(codeOf(() => fs.writeFile("C:\\y.bin", "abc", { size: 2 }))).toBe("INVALID_ARGUMENT");
  });

  it("fails with DISK_FULL when the write does not fit, and changes nothing", () => {
    const fs = makeFs();
    fs.setFreeBytes("C", 100);
    const error = (() => {
      try {
        fs.writeFile("C:\\new\\big.bin", "", { size: 101 });
      } catch (e) {
        return e;
      }
    })();
    expect(isLabError(error) && error.code).toBe("DISK_FULL");
    expect(isLabError(error) && error.details).toMatchObject({ drive: "C:", neededBytes: 101, freeBytes: 100, windowsError: 112 });
    expect(fs.exists("C:\\new")).toBe(false);
    expect(fs.freeBytes("C")).toBe(100);
  });

  it("accepts a write that fits exactly, and one that fits once space is freed", () => {
    const fs = makeFs();
    fs.writeFile("C:\\old.log", "", { size: 50 });
    fs.setFreeBytes("C", 100);
    fs.writeFile("C:\\exact.bin", "", { size: 100 });
    expect(fs.freeBytes("C")).toBe(0);
    expect(codeOf(() => fs.writeFile("C:\\more.bin", "", { size: 30 }))).toBe("DISK_FULL");
    fs.delete("C:\\old.log");
    expect(codeOf(() => fs.writeFile("C:\\more.bin", "", { size: 30 }))).toBeUndefined();
  });

  it("refuses an impossible free-space figure", () => {
    const fs = makeFs();
    expect(codeOf(() => fs.setFreeBytes("C", 101 * MB))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => fs.setFreeBytes("C", -1))).toBe("INVALID_ARGUMENT");
  });

  it("a copy that does not fit fails whole, leaving no partial tree", () => {
    const fs = makeFs();
    fs.writeFile("C:\\pkg\\a.bin", "", { size: 60 });
    fs.writeFile("C:\\pkg\\b.bin", "", { size: 60 });
    fs.setFreeBytes("D", 100);
    expect(codeOf(() => fs.copy("C:\\pkg", "D:\\pkg"))).toBe("DISK_FULL");
    expect(fs.exists("D:\\pkg")).toBe(false);
    expect(fs.freeBytes("D")).toBe(100);
    fs.setFreeBytes("D", 120);
    fs.copy("C:\\pkg", "D:\\pkg");
    expect(fs.freeBytes("D")).toBe(0);
  });

  it("a move within a drive costs nothing; across drives the space moves with it", () => {
    const fs = makeFs();
    fs.writeFile("C:\\data\\x.bin", "", { size: 1000 });
    const c = fs.freeBytes("C");
    fs.move("C:\\data", "C:\\archive");
    expect(fs.freeBytes("C")).toBe(c);
    fs.move("C:\\archive", "D:\\archive");
    expect(fs.freeBytes("C")).toBe(c + 1000);
    expect(fs.freeBytes("D")).toBe(50 * MB - 1000);
  });

  it("a cross-drive move that does not fit fails and leaves the source", () => {
    const fs = makeFs();
    fs.writeFile("C:\\x.bin", "", { size: 1000 });
    fs.setFreeBytes("D", 999);
    expect(codeOf(() => fs.move("C:\\x.bin", "D:\\x.bin"))).toBe("DISK_FULL");
    expect(fs.exists("C:\\x.bin")).toBe(true);
    expect(fs.exists("D:\\x.bin")).toBe(false);
  });
});

describe("copy", () => {
  it("copies a file to a new name, or into an existing folder", () => {
    const fs = makeFs();
    fs.writeFile("C:\\temp\\a.txt", "A");
    fs.mkdir("C:\\dest");
    fs.copy("C:\\temp\\a.txt", "C:\\b.txt");
    fs.copy("C:\\temp\\a.txt", "C:\\dest");
    expect(fs.readText("C:\\b.txt")).toBe("A");
    expect(fs.readText("C:\\dest\\a.txt")).toBe("A");
    expect(fs.readText("C:\\temp\\a.txt")).toBe("A");
  });

  it("merges a folder into an existing one, replacing same-named files", () => {
    const fs = makeFs();
    fs.writeFile("C:\\new\\app.dll", "new", { version: "2.0.0.0" });
    fs.writeFile("C:\\new\\sub\\x.txt", "x");
    fs.writeFile("C:\\site\\App.dll", "old", { version: "1.0.0.0" });
    fs.writeFile("C:\\site\\keep.txt", "keep");
    fs.copy("C:\\new", "C:\\site");
    expect(fs.walk("C:\\site")).toEqual(["C:\\site\\App.dll", "C:\\site\\keep.txt", "C:\\site\\sub\\x.txt"]);
    expect(fs.fileVersion("C:\\site\\app.dll")).toBe("2.0.0.0");
  });

  it("a copy is independent of its source", () => {
    const fs = makeFs();
    fs.writeFile("C:\\a.txt", "one");
    fs.copy("C:\\a.txt", "C:\\b.txt");
    fs.writeFile("C:\\a.txt", "two");
    expect(fs.readText("C:\\b.txt")).toBe("one");
  });

  it("refuses impossible copies", () => {
    const fs = makeFs();
    fs.writeFile("C:\\d\\f.txt", "x");
    fs.writeFile("C:\\file", "x");
    fs.writeFile("C:\\clash\\f.txt\\inner", "x");
    expect(codeOf(() => fs.copy("C:\\missing.txt", "C:\\x.txt"))).toBe("FILE_NOT_FOUND");
    expect(codeOf(() => fs.copy("C:\\d\\f.txt", "c:\\D\\F.TXT"))).toBe("SAME_PATH");
    expect(codeOf(() => fs.copy("C:\\d", "C:\\d\\inner"))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => fs.copy("C:\\d", "C:\\file"))).toBe("NOT_A_DIRECTORY");
    expect(codeOf(() => fs.copy("C:\\d", "C:\\clash"))).toBe("IS_A_DIRECTORY");
    expect(codeOf(() => fs.copy("C:\\d", "Q:\\d"))).toBe("NO_SUCH_DRIVE");
    expect(fs.walk("C:\\clash")).toEqual(["C:\\clash\\f.txt\\inner"]);
  });
});

describe("move", () => {
  it("renames a file, and changes only the case when asked", () => {
    const fs = makeFs();
    fs.writeFile("C:\\temp\\setup.log", "x");
    fs.move("C:\\temp\\setup.log", "C:\\temp\\install.log");
    expect(fs.exists("C:\\temp\\setup.log")).toBe(false);
    fs.move("C:\\temp\\install.log", "C:\\temp\\Install.LOG");
    expect(fs.list("C:\\temp")).toEqual([{ name: "Install.LOG", kind: "file" }]);
  });

  it("moves a file into an existing folder and replaces an existing file", () => {
    const fs = makeFs();
    fs.writeFile("C:\\a.txt", "A");
    fs.writeFile("C:\\b.txt", "BBBB");
    fs.mkdir("C:\\dir");
    const free = fs.freeBytes("C");
    fs.move("C:\\a.txt", "C:\\b.txt");
    expect(fs.readText("C:\\b.txt")).toBe("A");
    expect(fs.freeBytes("C")).toBe(free + 4);
    fs.move("C:\\b.txt", "C:\\dir");
    expect(fs.readText("C:\\dir\\b.txt")).toBe("A");
  });

  it("moves a folder tree, creating the destination's parents", () => {
    const fs = makeFs();
    fs.writeFile("C:\\stage\\bin\\x.exe", "x");
    fs.move("C:\\stage", "C:\\Program Files\\Vendor\\Product");
    expect(fs.walk("C:\\Program Files")).toEqual(["C:\\Program Files\\Vendor\\Product\\bin\\x.exe"]);
    expect(fs.exists("C:\\stage")).toBe(false);
  });

  it("refuses impossible moves and leaves everything in place", () => {
    const fs = makeFs();
    fs.writeFile("C:\\d\\f.txt", "x");
    fs.mkdir("C:\\other");
    expect(codeOf(() => fs.move("C:\\nothing", "C:\\x"))).toBe("FILE_NOT_FOUND");
    expect(codeOf(() => fs.move("C:\\d", "C:\\d\\sub"))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => fs.move("C:\\d", "C:\\other"))).toBe("ALREADY_EXISTS");
    expect(codeOf(() => fs.move("C:\\", "D:\\x"))).toBe("INVALID_PATH");
    expect(codeOf(() => fs.move("C:\\d", "C:\\d\\f.txt\\x"))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => fs.move("C:\\other", "C:\\d\\f.txt\\x"))).toBe("NOT_A_DIRECTORY");
    expect(fs.walk("C:\\")).toEqual(["C:\\d\\f.txt"]);
    expect(fs.isDirectory("C:\\other")).toBe(true);
  });
});

describe("change hook", () => {
  it("reports each change with display paths", () => {
    const changes: FsChange[] = [];
    const fs = makeFs(changes);
    fs.writeFile("c:\\Temp\\a.txt", "x");
    fs.copy("C:\\temp\\a.txt", "C:\\temp\\b.txt");
    fs.move("C:\\temp\\b.txt", "D:\\b.txt");
    fs.delete("C:\\temp", { recursive: true });
    expect(changes).toEqual([
      { kind: "mkdir", path: "C:\\Temp" },
      { kind: "write", path: "C:\\Temp\\a.txt" },
      { kind: "copy", path: "C:\\Temp\\a.txt", to: "C:\\Temp\\b.txt" },
      { kind: "move", path: "C:\\Temp\\b.txt", to: "D:\\b.txt" },
      { kind: "delete", path: "C:\\Temp" },
    ]);
  });

  it("reports a write and its new folders in the case the disk keeps, whatever case the path uses", () => {
    const changes: FsChange[] = [];
    const fs = makeFs(changes);
    fs.mkdir("C:\\Program Files\\Vendor");
    fs.writeFile("c:\\PROGRAM FILES\\vendor\\New Dir\\App.config", "<a/>");
    fs.writeFile("C:\\program files\\VENDOR\\new dir\\APP.CONFIG", "<b/>");
    fs.writeFile("C:\\root.txt", "r");
    expect(changes).toEqual([
      { kind: "mkdir", path: "C:\\Program Files" },
      { kind: "mkdir", path: "C:\\Program Files\\Vendor" },
      { kind: "mkdir", path: "C:\\Program Files\\Vendor\\New Dir" },
      { kind: "write", path: "C:\\Program Files\\Vendor\\New Dir\\App.config" },
      { kind: "write", path: "C:\\Program Files\\Vendor\\New Dir\\App.config" },
      { kind: "write", path: "C:\\root.txt" },
    ]);
    expect(changes.map((c) => c.path)).toEqual(changes.map((c) => fs.normalise(c.path)));
  });

  it("keeps text as written, ASCII or not, and a lone surrogate as the U+FFFD UTF-8 makes of it", () => {
    const fs = makeFs();
    fs.writeFile("C:\\a.txt", "plain ascii");
    fs.writeFile("C:\\b.txt", "Zürich ✓");
    fs.writeFile("C:\\c.txt", "bad \uD800 half");
    expect(fs.readText("C:\\a.txt")).toBe("plain ascii");
    expect(fs.readText("C:\\b.txt")).toBe("Zürich ✓");
    expect(fs.readText("C:\\c.txt")).toBe("bad \uFFFD half");
    expect(fs.stat("C:\\c.txt")!.size).toBe(Buffer.byteLength("bad \uD800 half"));
  });

  it("reports nothing for a failed change", () => {
    const changes: FsChange[] = [];
    const fs = makeFs(changes);
    fs.setFreeBytes("C", 0);
    expect(codeOf(() => fs.writeFile("C:\\x\\y.txt", "abc"))).toBe("DISK_FULL");
    expect(changes).toEqual([]);
  });
});
