import { defineRule, type Rule, type RuleKind, type Severity } from "../../product/index.ts";

/** Every rule of Specops Password Sync (upgrade), one place, data with a source. */

export const SPS_PRODUCT_ID = "specops-password-sync";
export const SPS_SEED_FILE = "001_8b79db8465181f7f.txt";

interface RuleInput {
  id: string;
  fact?: string;
  kind: RuleKind;
  section: string;
  statement: string;
  message: string;
  remedy: string;
  severity: Severity;
  inference?: string;
  advisory?: { reason: string };
}

function rule(input: RuleInput): Rule {
  const { section, ...rest } = input;
  return defineRule({ ...rest, product: SPS_PRODUCT_ID, source: { file: SPS_SEED_FILE, section } });
}

const SUPPORTED = "Supported upgrade environments";
const REQS = "system requirements";
const PCN = "Upgrade the Password Change Notifier";
const GPSI = "Deploy the Password Change Notifier through GPSI";
const SYNC = "Upgrade the Sync Server";
const ADMIN = "Upgrade the Administration Tools";
const FINAL = "final checklist";

const PROTOCOL =
  "The vendor's PCN-to-Sync Server protocol is not public. The lab's own: TLS over TCP port 5000 of the Sync Server, the notifier checking the server's certificate (chain, validity, the server's DNS name) from the DC's own certificate stores; notifiers before 5.0 speak protocol 1, from 5.0 protocol 2; a 5.0+ server accepts only protocol 2, while a 5.0+ notifier falls back to protocol 1 for an older server.";

export const SPS_RULES: readonly Rule[] = [
  // Supported upgrade environments
  rule({ id: "sps.upgrade.from-4.1", kind: "prereq", section: SUPPORTED, severity: "blocked",
    statement: "upgrade only from 4.1 or later",
    message: "The Setup Assistant refuses to upgrade a Specops Password Sync component older than 4.1.",
    remedy: "Upgrade the component to 4.1 first (or uninstall it and install the new version fresh), then upgrade to the latest.",
    inference: "The document names 4.1 as the oldest version it upgrades from, not the newest version: the lab's latest is 7.2, its own choice." }),
  rule({ id: "sps.upgrade.all-components", kind: "order", section: SUPPORTED, severity: "warning",
    statement: "strongly recommended to upgrade all components",
    message: "Not every Specops Password Sync component runs the latest version: some were left behind.",
    remedy: "Upgrade every component (Password Change Notifier on every DC, every Sync Server, the Administration Tools) to the same latest version." }),
  rule({ id: "sps.order", kind: "order", section: SUPPORTED, severity: "warning",
    statement: "Password Change Notifier → Sync Server → Administration Tools",
    message: "A component was upgraded before one that comes earlier in the documented order (Password Change Notifier, Sync Server, Administration Tools).",
    remedy: "Upgrade in the documented order: the Password Change Notifier on every DC (and restart them), then the Sync Server(s), then the Administration Tools." }),
  rule({ id: "sps.order.protocol", fact: "sps.order", kind: "runtime", section: SUPPORTED, severity: "broken",
    statement: "Password Change Notifier → Sync Server → Administration Tools",
    message: "An old Password Change Notifier sent a change to a Sync Server upgraded before it; the server refused the notifier's protocol and the change was lost.",
    remedy: "Upgrade the Password Change Notifier on every DC (and restart them) before the Sync Server, as the documented order says.",
    inference: PROTOCOL }),
  rule({ id: "sps.order.admin-policy", fact: "sps.order", kind: "runtime", section: SUPPORTED, severity: "broken",
    statement: "Password Change Notifier → Sync Server → Administration Tools",
    message: "The Password Sync policy was saved by Administration Tools newer than the Sync Server; the old server cannot read it and syncs to no target.",
    remedy: "Upgrade the Sync Server(s) before the Administration Tools, as the documented order says (or edit policies only with tools of the server's version).",
    inference: "What a newer policy does to an older Sync Server is the lab's decision: policies carry a format version (1 before 5.0, 2 from 5.0, 3 from 7.0); a server reads formats up to its own and skips the others." }),
  rule({ id: "sps.plan.release-notes", kind: "advisory", section: "Planning an upgrade", severity: "info",
    statement: "read the Release Notes",
    message: "Read the Specops Password Sync Release Notes before upgrading.",
    remedy: "Read the Release Notes to decide whether the upgrade is necessary.",
    advisory: { reason: "Reading a document is an operator's judgement; the lab cannot simulate it." } }),

  // System requirements
  rule({ id: "sps.req.pcn.os", kind: "prereq", section: REQS, severity: "blocked",
    statement: "PCN: Windows Server 2008 or later",
    message: "The Password Change Notifier needs Windows Server 2008 or later; this domain controller runs an older Windows.",
    remedy: "Run the Password Change Notifier on domain controllers with Windows Server 2008 or later." }),
  rule({ id: "sps.req.pcn.writable-dc", kind: "prereq", section: REQS, severity: "blocked",
    statement: "PCN: a writable domain controller",
    message: "The Password Change Notifier goes on writable domain controllers only; this host is a read-only DC (or no DC at all).",
    remedy: "Install the notifier on every writable domain controller; a read-only DC forwards password changes to a writable one, whose notifier sees them." }),
  rule({ id: "sps.req.sync.os", kind: "prereq", section: REQS, severity: "blocked",
    statement: "Sync Server: Windows Server 2008 or later",
    message: "The Sync Server needs Windows Server 2008 or later.",
    remedy: "Install the Sync Server on Windows Server 2008 or later." }),
  rule({ id: "sps.req.sync.member", kind: "prereq", section: REQS, severity: "blocked",
    statement: "Sync Server: OS is a domain member",
    message: "The Sync Server must run on a domain member; this host is not joined to the domain.",
    remedy: "Join the Sync Server host to the domain, then run the Setup Assistant again." }),
  rule({ id: "sps.req.sync.member.runtime", fact: "sps.req.sync.member", kind: "runtime", section: REQS, severity: "broken",
    statement: "Sync Server: OS is a domain member",
    message: "The Sync Server host is not a domain member: it cannot read the users' Password Sync policies from the directory nor be found by the notifiers.",
    remedy: "Join the Sync Server host to the domain (or move the Sync Server to a member server).",
    inference: "What a Sync Server does on a non-member is the lab's decision: it cannot publish its Service Connection Point nor read Group Policy, so notifiers do not find it." }),
  rule({ id: "sps.req.sync.dotnet", kind: "prereq", section: REQS, severity: "blocked",
    statement: "Sync Server: .NET Framework 4.0 or later",
    message: "The Sync Server needs .NET Framework 4.0 or later, which this host lacks.",
    remedy: "Install .NET Framework 4.0 or later (the Setup Assistant can help you meet the requirements), then install the Sync Server." }),
  rule({ id: "sps.req.sync.dotnet.runtime", fact: "sps.req.sync.dotnet", kind: "runtime", section: REQS, severity: "broken",
    statement: "Sync Server: .NET Framework 4.0 or later",
    message: "The Sync Server service cannot start: .NET Framework 4.0 or later is missing on its host.",
    remedy: "Install .NET Framework 4.0 or later on the Sync Server and start the service.",
    inference: "The service failing to start without its framework is the lab's model of a .NET service whose runtime is missing." }),
  rule({ id: "sps.req.admin.os", kind: "prereq", section: REQS, severity: "blocked",
    statement: "Administration Tools: Windows 7 or later",
    message: "The Administration Tools need Windows 7 or later (or a server of that generation).",
    remedy: "Install the Administration Tools on Windows 7 / Windows Server 2008 R2 or later." }),
  rule({ id: "sps.req.admin.member", kind: "prereq", section: REQS, severity: "blocked",
    statement: "Administration Tools: OS is a domain member",
    message: "The Administration Tools must run on a domain member; this computer is not joined.",
    remedy: "Install the Administration Tools on a computer joined to the domain." }),
  rule({ id: "sps.req.admin.gpmc", kind: "prereq", section: REQS, severity: "blocked",
    statement: "Administration Tools: GPMC",
    message: "The Administration Tools need the Group Policy Management Console, which this computer lacks.",
    remedy: "Install the Group Policy Management Console (RSAT) first." }),
  rule({ id: "sps.req.admin.dotnet", kind: "prereq", section: REQS, severity: "blocked",
    statement: "Administration Tools: .NET Framework 4.0 or later",
    message: "The Administration Tools need .NET Framework 4.0 or later, which this computer lacks.",
    remedy: "Install .NET Framework 4 or later, then install the Administration Tools." }),

  // Upgrading Specops Password Sync
  rule({ id: "sps.setup.extract", kind: "effect", section: "Upgrading Specops Password Sync", severity: "blocked",
    statement: "extracts to C:\\temp\\SpecopsPasswordSync_Setup_[VersionNumber]; the EULA must be accepted",
    message: "The Setup Assistant stopped: its End User License Agreement was not accepted (or its files were not extracted where the step expects them).",
    remedy: "Run the Setup Assistant, click Start Installation and accept the End User License Agreement; it extracts to C:\\temp\\SpecopsPasswordSync_Setup_<version>." }),

  // Upgrade the Password Change Notifier
  rule({ id: "sps.pcn.all-dcs", kind: "prereq", section: PCN, severity: "warning",
    statement: "the PCN is upgraded on every domain controller",
    message: "Not every writable domain controller runs the upgraded Password Change Notifier.",
    remedy: "Upgrade the Password Change Notifier on all domain controllers (and restart them) before going on." }),
  rule({ id: "sps.pcn.all-dcs.lost", fact: "sps.pcn.all-dcs", kind: "runtime", section: PCN, severity: "broken",
    statement: "the PCN is upgraded on every domain controller",
    message: "A password change made on a domain controller without a loaded Password Change Notifier was not synced: nothing saw it, and nothing said so.",
    remedy: "Install the Password Change Notifier on every writable domain controller and restart them; then have the users concerned change their passwords again." }),
  rule({ id: "sps.pcn.uninstall-first", kind: "manual", section: PCN, severity: "blocked",
    statement: "uninstall the existing msi on the DC, then upgrade (msi, Setup Assistant on the DC, or GPSI)",
    message: "The new notifier msi refused to install: another version of the Password Change Notifier is installed on this DC (Windows Installer error 1638).",
    remedy: "Uninstall the existing Password Change Notifier msi on the domain controller first, then install the new one.",
    inference: "The failure is Windows Installer's: without an upgrade table, a second version of the same product refuses to install (error 1638)." }),
  rule({ id: "sps.pcn.restart", kind: "runtime", section: PCN, severity: "broken",
    statement: "restart the DCs after the upgrade (the old notifier runs until then)",
    message: "The domain controller was not restarted after the notifier upgrade: LSASS still runs the notifier it loaded at its last start.",
    remedy: "Restart the domain controllers once the upgrade is complete." }),
  rule({ id: "sps.pcn.gpsi", kind: "manual", section: GPSI, severity: "broken",
    statement: "GPSI: msi on a share (DFS recommended), new GPO linked to the Domain Controllers OU, Software installation, Assign, restart DCs",
    message: "The Password Change Notifier was not installed through Group Policy Software Installation at the DC's startup.",
    remedy: "Copy the msi to a share the DCs can read, create a GPO linked to the Domain Controllers OU, add the msi under Computer Configuration > Software installation with Assign, then restart the DCs." }),
  rule({ id: "sps.pcn.gpsi.dfs", fact: "sps.pcn.gpsi", kind: "manual", section: GPSI, severity: "info",
    statement: "GPSI: msi on a share (DFS recommended), new GPO linked to the Domain Controllers OU, Software installation, Assign, restart DCs",
    message: "The notifier msi is deployed from a plain server share; Specops recommends a DFS share (load sharing, location independence).",
    remedy: "Put the msi on a DFS namespace share (\\\\<domain>\\<namespace>\\...)." }),

  // Upgrade the Sync Server
  rule({ id: "sps.sync.role", kind: "runtime", section: SYNC, severity: "broken",
    statement: "the Sync Server sends new passwords to every system the user's Password Sync policy names",
    message: "A new password did not reach a system the user's Password Sync policy names.",
    remedy: "Check the Sync Server, its providers and the target system, then have the user change the password again." }),
  rule({ id: "sps.sync.role.target-down", fact: "sps.sync.role", kind: "runtime", section: SYNC, severity: "broken",
    statement: "the Sync Server sends new passwords to every system the user's Password Sync policy names",
    message: "The target system did not answer (connection failed): the new password did not reach it.",
    remedy: "Bring the target system back, then resend the change (the user changes the password again).",
    inference: "Targets are HTTP services faked with msw (a cloud directory REST API, an HR system SOAP endpoint); down means the connection fails." }),
  rule({ id: "sps.sync.role.target-error", fact: "sps.sync.role", kind: "runtime", section: SYNC, severity: "broken",
    statement: "the Sync Server sends new passwords to every system the user's Password Sync policy names",
    message: "The target system answered with an error: the new password was not set there.",
    remedy: "Fix the target system (its logs name the error), then resend the change.",
    inference: "Targets are HTTP services faked with msw; an error is an HTTP 5xx (REST) or a SOAP Fault." }),
  rule({ id: "sps.sync.role.target-slow", fact: "sps.sync.role", kind: "runtime", section: SYNC, severity: "broken",
    statement: "the Sync Server sends new passwords to every system the user's Password Sync policy names",
    message: "The target system answered after the provider's timeout (30 s of lab time): the provider gave up.",
    remedy: "Find out why the target is slow; raise the provider timeout only if the target is known to be slow.",
    inference: "The 30 s provider timeout is the lab's figure; a slow target's delay is lab time." }),
  rule({ id: "sps.sync.role.no-target", fact: "sps.sync.role", kind: "runtime", section: SYNC, severity: "warning",
    statement: "the Sync Server sends new passwords to every system the user's Password Sync policy names",
    message: "No Password Sync policy names a Sync Point for this user (or the user is outside every Sync Scope): the change goes nowhere.",
    remedy: "Create a Sync Scope over the user's OU and a Password Sync policy (GPO) naming the Sync Points." }),
  rule({ id: "sps.sync.capacity", kind: "runtime", section: SYNC, severity: "warning",
    statement: "more users and password changes may need more than one Sync Server",
    message: "Password changes queue on the Sync Server: the load is more than one Sync Server takes, and changes arrive late.",
    remedy: "Add a Sync Server (install it with the Setup Assistant on another member server): the notifiers share the changes between the Sync Servers.",
    inference: "The document gives no figure. The lab's: one Sync Server handles one change every 3 s of lab time (1,200 an hour); a change that waits more than 5 minutes is late." }),
  rule({ id: "sps.sync.cert", kind: "runtime", section: SYNC, severity: "broken",
    statement: "one certificate proves the Sync Server to the PCN; all PCN–Sync traffic is SSL with it",
    message: "The notifier refused the Sync Server's certificate: the TLS connection failed and the change was not sent.",
    remedy: "Give the Sync Server a certificate the domain controllers trust, valid now, for the server's name.",
    inference: PROTOCOL }),
  rule({ id: "sps.sync.cert.missing", fact: "sps.sync.cert", kind: "runtime", section: SYNC, severity: "blocked",
    statement: "one certificate proves the Sync Server to the PCN; all PCN–Sync traffic is SSL with it",
    message: "No certificate was selected for the Sync Server (or it has no private key in LocalMachine\\My): the Setup Assistant cannot install it.",
    remedy: "Click Select and choose a certificate with its private key (from AD Certificate Services, or a self-signed one)." }),
  rule({ id: "sps.sync.cert-source", kind: "effect", section: SYNC, severity: "warning",
    statement: "the certificate comes from AD Certificate Services or is self-signed",
    message: "The selected certificate is neither self-signed nor issued by AD Certificate Services (an enterprise CA): the DCs may not trust it.",
    remedy: "Use a certificate from Active Directory Certificate Services, or a self-signed one imported into every DC's trusted roots." }),
  rule({ id: "sps.sync.cert-expiry", kind: "runtime", section: SYNC, severity: "broken",
    statement: "a self-signed certificate is not renewed automatically: replace it when it expires",
    message: "The Sync Server's certificate has expired (self-signed certificates are not renewed automatically): the notifiers refuse it.",
    remedy: "Create a new certificate, select it in the Sync Server setup, and import it into the trusted roots of every DC." }),
  rule({ id: "sps.sync.cert-trust", kind: "manual", section: SYNC, severity: "broken",
    statement: "a self-signed certificate must be imported into trusted roots on every DC",
    message: "The Sync Server's self-signed certificate is not in this domain controller's trusted roots: its notifier refuses the connection.",
    remedy: "Import the Sync Server's certificate into Trusted Root Certification Authorities (LocalMachine\\Root) on all domain controllers." }),
  rule({ id: "sps.sync.msi-arch", kind: "effect", section: SYNC, severity: "broken",
    statement: "the Setup Assistant picks the msi for the local architecture",
    message: "An msi for the wrong architecture was installed by hand: a 32-bit notifier cannot be loaded by a 64-bit domain controller's LSASS.",
    remedy: "Let the Setup Assistant pick the msi (it uses the correct one for the local system), or run the x64 msi on x64 domain controllers.",
    inference: "The document says the Setup Assistant picks the right msi; what a wrong one does (LSASS does not load a 32-bit notification package) is the lab's model." }),
  rule({ id: "sps.sync.providers", kind: "effect", section: SYNC, severity: "broken",
    statement: "all shipped Sync Providers install by default; a deselected one is unavailable",
    message: "A Sync Point uses a Sync Provider that was deselected when the Sync Server was installed (Entire Feature will be unavailable): nothing is sent there.",
    remedy: "Run the Sync Server setup again and leave the provider selected (the default installs all shipped providers)." }),
  rule({ id: "sps.sync.custom-providers", kind: "advisory", section: SYNC, severity: "info",
    statement: "own Sync Providers: contact support",
    message: "Developing your own Sync Providers goes through Specops Support.",
    remedy: "Contact Specops Support.",
    advisory: { reason: "Contacting a vendor is outside the lab." } }),

  // Upgrade the Administration Tools
  rule({ id: "sps.admin.contents", kind: "effect", section: ADMIN, severity: "blocked",
    statement: "Administration tool (Sync Scopes, Sync Servers, Sync Points) and GPMC snap-in (policies in a GPO)",
    message: "The Password Sync policy cannot be edited here: the GPMC snap-in of the Administration Tools needs the Group Policy Management Console, which is missing.",
    remedy: "Install the Group Policy Management Console on this computer (the snap-in runs inside it)." }),
  rule({ id: "sps.admin.where", kind: "effect", section: ADMIN, severity: "blocked",
    statement: "installed on the computer you administer from",
    message: "The Administration Tools are not installed on the computer the administrator works from.",
    remedy: "Install the Administration Tools on the computer you want to administer the product from." }),
  rule({ id: "sps.admin.domain-admin", kind: "prereq", section: ADMIN, severity: "blocked",
    statement: "the user running the Setup Assistant is Enterprise or Domain Admin",
    message: "The user running the Setup Assistant is neither an Enterprise Admin nor a Domain Admin.",
    remedy: "Run the Setup Assistant as a member of Domain Admins or Enterprise Admins." }),

  // Final checklist
  rule({ id: "sps.post.license", kind: "check", section: FINAL, severity: "broken",
    statement: "import the licence key",
    message: "No valid licence key is imported: the Sync Server does not synchronize passwords.",
    remedy: "Import your licence key in the Specops Password Sync Administration Tool.",
    inference: "The document only asks to import the key; what an unlicensed Sync Server does (it accepts changes and syncs none) is the lab's decision." }),
  rule({ id: "sps.post.pcn-all-dcs", kind: "check", section: FINAL, severity: "broken",
    statement: "the PCN is installed on every DC, and DCs restarted",
    message: "A writable domain controller does not run the latest Password Change Notifier (not installed, or installed and not loaded because the DC was not restarted).",
    remedy: "Install the Password Change Notifier on every writable domain controller and restart them." }),
  rule({ id: "sps.post.cert-trusted", kind: "check", section: FINAL, severity: "broken",
    statement: "the Sync Server certificates are trusted by the DCs",
    message: "A domain controller does not trust a Sync Server's certificate.",
    remedy: "Import the Sync Server certificate into the trusted roots of every domain controller (or use one from AD Certificate Services)." }),
];

const BY_ID = new Map(SPS_RULES.map((r) => [r.id, r]));

/** A rule by id; an unknown id is a programming error. */
export function spsRule(id: string): Rule {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`no Specops Password Sync rule "${id}"`);
  return found;
}
