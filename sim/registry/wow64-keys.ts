/**
 * How the WOW64 registry redirector treats keys on 64-bit Windows 7 and later
 * (after Microsoft Learn, "Registry Keys Affected by WOW64"). A 32-bit caller
 * opening a `redirected` key lands in a WOW6432Node key inserted directly
 * under `wowNodeUnder`; a `shared` key is one physical key both views see.
 * The deepest entry matching a path decides; keys matching none are shared
 * (HKLM\SYSTEM, HKCU\Software, HKU...). Reflection (Vista and older) is not
 * modelled: the lab's 64-bit hosts are Windows 7 / Server 2008 R2 or later.
 */
export interface Wow64KeyRule {
  readonly path: string;
  readonly kind: "redirected" | "shared";
  readonly wowNodeUnder?: string;
}

const SOFTWARE = "HKLM\\SOFTWARE";
const MS = `${SOFTWARE}\\Microsoft`;
const CURRENT_VERSION = `${MS}\\Windows\\CurrentVersion`;
const NT_CURRENT_VERSION = `${MS}\\Windows NT\\CurrentVersion`;

/** COM registration keys below a Classes key that each bitness keeps apart. */
const REDIRECTED_CLASSES = ["CLSID", "DirectShow", "Interface", "Media Type", "MediaFoundation"];

const SHARED_UNDER_SOFTWARE = [
  `${SOFTWARE}\\Classes`,
  `${SOFTWARE}\\Clients`,
  `${SOFTWARE}\\Policies`,
  `${SOFTWARE}\\RegisteredApplications`,
  `${MS}\\COM3`,
  `${MS}\\Cryptography\\Calais\\Current`,
  `${MS}\\Cryptography\\Calais\\Readers`,
  `${MS}\\Cryptography\\Services`,
  `${MS}\\CTF\\SystemShared`,
  `${MS}\\CTF\\TIP`,
  `${MS}\\DFS`,
  `${MS}\\Driver Signing`,
  `${MS}\\EnterpriseCertificates`,
  `${MS}\\EventSystem`,
  `${MS}\\MSMQ`,
  `${MS}\\Non-Driver Signing`,
  `${MS}\\Notepad\\DefaultFonts`,
  `${MS}\\OLE`,
  `${MS}\\RAS`,
  `${MS}\\RPC`,
  `${MS}\\SOFTWARE\\Microsoft\\Shared Tools\\MSInfo`,
  `${MS}\\SystemCertificates`,
  `${MS}\\TermServLicensing`,
  `${MS}\\Transaction Server`,
  `${CURRENT_VERSION}\\App Paths`,
  `${CURRENT_VERSION}\\Control Panel\\Cursors\\Schemes`,
  `${CURRENT_VERSION}\\Explorer\\AutoplayHandlers`,
  `${CURRENT_VERSION}\\Explorer\\DriveIcons`,
  `${CURRENT_VERSION}\\Explorer\\KindMap`,
  `${CURRENT_VERSION}\\Group Policy`,
  `${CURRENT_VERSION}\\Policies`,
  `${CURRENT_VERSION}\\PreviewHandlers`,
  `${CURRENT_VERSION}\\Setup`,
  `${CURRENT_VERSION}\\Telephony\\Locations`,
  ...[
    "Console", "FontDpi", "FontLink", "FontMapper", "Fonts", "FontSubstitutes", "Gre_Initialize",
    "Image File Execution Options", "LanguagePack", "NetworkCards", "Perflib", "Ports", "Print",
    "ProfileList", "Time Zones",
  ].map((k) => `${NT_CURRENT_VERSION}\\${k}`),
];

export const WOW64_KEYS: readonly Wow64KeyRule[] = [
  { path: SOFTWARE, kind: "redirected", wowNodeUnder: SOFTWARE },
  ...SHARED_UNDER_SOFTWARE.map((path) => ({ path, kind: "shared" as const })),
  ...["HKLM\\SOFTWARE\\Classes", "HKCU\\Software\\Classes"].flatMap((classes) =>
    REDIRECTED_CLASSES.map((k) => ({ path: `${classes}\\${k}`, kind: "redirected" as const, wowNodeUnder: classes })),
  ),
];

/** The name of the node that holds the 32-bit view of a redirected key. */
export const WOW_NODE = "WOW6432Node";
