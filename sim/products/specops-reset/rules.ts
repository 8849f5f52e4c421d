import { defineRule, type Rule, type RuleKind, type Severity } from "../../product/index.ts";

/** Every rule of Specops Password Reset, one place, data with a source (seeds/000_c4522aeef9f903bf.txt). */

export const SPR_PRODUCT_ID = "specops-password-reset";
export const SPR_SEED_FILE = "000_c4522aeef9f903bf.txt";

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
  return defineRule({ ...rest, product: SPR_PRODUCT_ID, source: { file: SPR_SEED_FILE, section } });
}

const SUPPORTED = "Supported Upgrade Environments";
const PLANNING = "Planning an upgrade";
const REQS = "system requirements";
const UPGRADING = "Upgrading Specops Password Reset";
const SERVER = "Upgrade the Specops Password Reset Server";
const WEB = "Upgrade the Specops Password Reset Web";
const DMZ = "Upgrade the web component in DMZ";
const ADMIN = "Upgrade the Administration Tools";
const CLIENT = "Upgrade the Specops Client";
const POST = "Congratulations";

export const LATEST_INFERENCE =
  "The document names no version number for \"the latest version\"; the lab models 4.0, 4.1, 5.0, 6.3 and 7.0 and calls its own latest 8.0.";
export const CHANNEL_INFERENCE =
  "The document does not describe the Server-Web protocol. The lab's: TCP port 4383 on the Server; the Server presents the certificate whose thumbprint is in Specopssoft.SpecopsPasswordReset.Server.exe.config; the Web refuses the connection unless that thumbprint equals the one it pinned when it was first installed (an upgrade of the Web keeps its configuration, the pin included).";
const VERSION_INFERENCE =
  "The document gives the order but not what breaks in between; the lab's model: a Server accepts requests from a Web of its own version or older and refuses a newer one (it does not know its request format).";
const CONFIG_INFERENCE =
  "The lab's model of the central configuration: the Server and Administration Tools setups stamp it with their version; a Server or Administration Tools older than the stamp cannot read it.";

export const SPR_RULES: readonly Rule[] = [
  // Supported Upgrade Environments
  rule({ id: "spr.upgrade.from-4.1", kind: "prereq", section: SUPPORTED, severity: "blocked",
    statement: "upgrade only from 4.1 or later",
    message: "The installed version is older than 4.1: the Setup Assistant of the latest version refuses to upgrade it.",
    remedy: "Upgrade this component to 4.1 first, then to the latest version.",
    inference: "The document does not say how to leave a version older than 4.1; the lab's remedy is an intermediate upgrade to 4.1." }),
  rule({ id: "spr.upgrade.all-components", kind: "order", section: SUPPORTED, severity: "warning",
    statement: "strongly recommended to upgrade all components",
    message: "A component was left at an older version than the rest of the installation.",
    remedy: "Upgrade every component of Specops Password Reset (Server, Web, DMZ web, Administration Tools, Client) to the latest version.",
    inference: LATEST_INFERENCE }),
  rule({ id: "spr.order", kind: "order", section: SUPPORTED, severity: "warning",
    statement: "Server (internal) → Web (internal) → DMZ web → Administration Tools → Client",
    message: "A component was upgraded out of the documented order.",
    remedy: "Upgrade in the documented order: Server (internal), Web (internal), DMZ server, Administration Tools, Client." }),
  rule({ id: "spr.order.server-first", fact: "spr.order", kind: "order", section: SUPPORTED, severity: "warning",
    statement: "Server (internal) → Web (internal) → DMZ web → Administration Tools → Client",
    message: "A Web was upgraded while the internal Server was still older: until the Server is upgraded it refuses the newer Web's requests.",
    remedy: "Upgrade the Specops Password Reset Server (internal) first, then the Web.",
    inference: VERSION_INFERENCE }),
  rule({ id: "spr.order.web-before-dmz", fact: "spr.order", kind: "order", section: SUPPORTED, severity: "warning",
    statement: "Server (internal) → Web (internal) → DMZ web → Administration Tools → Client",
    message: "The DMZ web was upgraded before the internal Web.",
    remedy: "Upgrade the internal Web before the web component in the DMZ." }),
  rule({ id: "spr.order.admin-after-web", fact: "spr.order", kind: "order", section: SUPPORTED, severity: "warning",
    statement: "Server (internal) → Web (internal) → DMZ web → Administration Tools → Client",
    message: "The Administration Tools were upgraded before the Server and Webs: a Server older than the configuration cannot read it.",
    remedy: "Upgrade the Server and the Webs before the Administration Tools.",
    inference: CONFIG_INFERENCE }),
  rule({ id: "spr.order.client-last", fact: "spr.order", kind: "order", section: SUPPORTED, severity: "warning",
    statement: "Server (internal) → Web (internal) → DMZ web → Administration Tools → Client",
    message: "The Client was deployed before the Web was upgraded: the new Client's enrollment notifications need a Web of its version.",
    remedy: "Deploy the Client last, after the Server, the Webs and the Administration Tools.",
    inference: "The lab's model: a Client asks the Web it finds for the user's enrollment status in its own version's format; a Web older than the Client cannot answer, so no notification is shown." }),
  rule({ id: "spr.order.client-last.notification", fact: "spr.order", kind: "order", section: SUPPORTED, severity: "broken",
    statement: "Server (internal) → Web (internal) → DMZ web → Administration Tools → Client",
    message: "The Client could not get the user's enrollment status: the Web it found is older than the Client.",
    remedy: "Upgrade the Web (internal) to the Client's version.",
    inference: "The lab's model: a Client asks the Web it finds for the user's enrollment status in its own version's format; a Web older than the Client cannot answer, so no notification is shown." }),

  // Planning an upgrade
  rule({ id: "spr.plan.release-notes", kind: "advisory", section: PLANNING, severity: "info",
    statement: "read the Release Notes, locate the product documentation",
    message: "Read the Release Notes and locate the Product Documentation before upgrading.",
    remedy: "Read the Specops Password Reset Release Notes and the Product Documentation.",
    advisory: { reason: "Reading documents is the operator's judgement, not a change to the estate; the lab lists it in the plan and cannot simulate it." } }),
  rule({ id: "spr.license.new-key", kind: "prereq", section: PLANNING, severity: "warning",
    statement: "from 5.0 or lower a new licence key is needed",
    message: "The Server is upgraded from 5.0 or lower without a new licence key at hand: the old key is not valid for the new version.",
    remedy: "Contact your account representative for a new licence key before upgrading from 5.0 or lower.",
    inference: "The lab's licence keys carry a generation: keys issued for 5.0 and lower are refused by a 6.x or later Server." }),

  // System requirements
  rule({ id: "spr.req.server.os", kind: "prereq", section: REQS, severity: "blocked",
    statement: "Server: Windows Server 2003 R2 or later",
    message: "The Specops Password Reset Server needs Windows Server 2003 R2 or later.",
    remedy: "Install the Server on Windows Server 2003 R2 or later." }),
  rule({ id: "spr.req.server.wif", kind: "prereq", section: REQS, severity: "blocked",
    statement: "Server: Windows Identity Foundation installed",
    message: "Windows Identity Foundation is not installed on the Server's host.",
    remedy: "Install Windows Identity Foundation on the server, then run the Setup Assistant again." }),
  rule({ id: "spr.req.admin.os", kind: "prereq", section: REQS, severity: "blocked",
    statement: "Administration Tools: Windows Vista or later",
    message: "The Administration Tools need Windows Vista or later.",
    remedy: "Install the Administration Tools on Windows Vista or later (or a server of that generation)." }),
  rule({ id: "spr.req.admin.snapins", kind: "prereq", section: REQS, severity: "blocked",
    statement: "Administration Tools: AD Users and Computers snap-in and GPMC",
    message: "The Active Directory Users and Computers snap-in or the Group Policy Management Console is missing.",
    remedy: "Install the Active Directory Users and Computers snap-in and the GPMC (RSAT) on this host." }),
  rule({ id: "spr.req.admin.dotnet", kind: "prereq", section: REQS, severity: "blocked",
    statement: "Administration Tools: .NET Framework 3.5 or later",
    message: ".NET Framework 3.5 or later is not installed for the Administration Tools.",
    remedy: "Install .NET Framework 3.5 (or later) on this host." }),
  rule({ id: "spr.req.web.os", kind: "prereq", section: REQS, severity: "blocked",
    statement: "Web: Windows Server 2003 R2 or later",
    message: "The Specops Password Reset Web needs Windows Server 2003 R2 or later.",
    remedy: "Install the Web on Windows Server 2003 R2 or later." }),
  rule({ id: "spr.req.web.iis", kind: "prereq", section: REQS, severity: "blocked",
    statement: "Web: IIS installed",
    message: "IIS is not installed on the Web's host and the Setup Assistant was not told to configure it.",
    remedy: "Click Configure in the prerequisites section of the Setup Assistant (or install IIS), then install the Web." }),
  rule({ id: "spr.req.web.trusted-cert", kind: "prereq", section: REQS, severity: "broken",
    statement: "Web: trusted SSL certificate for every name the web application is presented as",
    message: "A browser refused the Web's SSL certificate: it is not trusted on the client (chain or validity).",
    remedy: "Bind a certificate from a CA the clients trust, valid today, for every name the Web is presented as." }),
  rule({ id: "spr.req.web.trusted-cert.names", fact: "spr.req.web.trusted-cert", kind: "prereq", section: REQS, severity: "broken",
    statement: "Web: trusted SSL certificate for every name the web application is presented as",
    message: "The Web's SSL certificate does not cover a name the web application is presented as: browsers using that name refuse it.",
    remedy: "Use a certificate whose subject alternative names cover every name the Web is presented as (internal and external)." }),
  rule({ id: "spr.req.client.os", kind: "prereq", section: REQS, severity: "broken",
    statement: "Client: Windows Vista or later",
    message: "The Specops Client package cannot install on this workstation: it needs Windows Vista or later.",
    remedy: "Upgrade the workstation to Windows Vista or later, or exclude it from the deployment GPO." }),
  rule({ id: "spr.req.client.dotnet", kind: "prereq", section: REQS, severity: "broken",
    statement: "Client: .NET Framework 3.5 SP1 or later",
    message: "The Specops Client package cannot install on this workstation: .NET Framework 3.5 SP1 is missing.",
    remedy: "Deploy .NET Framework 3.5 SP1 to the workstations before the Client, then restart them." }),

  // Upgrading Specops Password Reset
  rule({ id: "spr.setup.extract", kind: "effect", section: UPGRADING, severity: "blocked",
    statement: "Setup Assistant extracts to C:\\temp\\SpecopsPasswordReset_Setup_[VersionNumber]; run it on the server that runs Password Reset",
    message: "The Setup Assistant's files are not on this host: it was not downloaded and run here, so there is nothing to copy.",
    remedy: "Save and run the Setup Assistant on the server that runs Password Reset (it extracts to C:\\temp\\SpecopsPasswordReset_Setup_[VersionNumber]).",
    inference: "The document spells the client files' folder C:\\temp\\SpecopsPassword_Setup[VersionNumber]\\products\\specopspasswordreset; the lab extracts once, to C:\\temp\\SpecopsPasswordReset_Setup_[VersionNumber], and the products folder is inside it." }),

  // Server
  rule({ id: "spr.server.role", kind: "runtime", section: SERVER, severity: "broken",
    statement: "the Server performs operations against AD and answers the Web",
    message: "The Web got no answer from the Specops Password Reset Server.",
    remedy: "Make sure the Specops Password Reset Server service runs and the Web can reach it (name, port, firewalls).",
    inference: CHANNEL_INFERENCE }),
  rule({ id: "spr.server.role.version", fact: "spr.server.role", kind: "runtime", section: SERVER, severity: "broken",
    statement: "the Server performs operations against AD and answers the Web",
    message: "The Server refused the Web's request: the Web is newer than the Server.",
    remedy: "Upgrade the Server (internal) to the Web's version.",
    inference: VERSION_INFERENCE }),
  rule({ id: "spr.server.role.config", fact: "spr.server.role", kind: "runtime", section: SERVER, severity: "broken",
    statement: "the Server performs operations against AD and answers the Web",
    message: "The Server cannot read the central configuration: newer Administration Tools rewrote it.",
    remedy: "Upgrade the Server to the Administration Tools' version.",
    inference: CONFIG_INFERENCE }),
  rule({ id: "spr.server.service-account", kind: "effect", section: SERVER, severity: "broken",
    statement: "the service runs as the selected account (Log On As); every operation runs in its context",
    message: "The Specops Password Reset Server service cannot log on as its service account, so nothing answers the Web.",
    remedy: "Enter the service account's current password in the Server setup (Select user), or on the service's Log On tab, and start it." }),
  rule({ id: "spr.server.service-account.directory", fact: "spr.server.service-account", kind: "effect", section: SERVER, severity: "blocked",
    statement: "the service runs as the selected account (Log On As); every operation runs in its context",
    message: "The Setup Assistant could not verify the service account: the directory refused the user name or password.",
    remedy: "Enter the user name and current password of the account shown in the Log On As column of Services.msc." }),
  rule({ id: "spr.server.management-level", kind: "effect", section: SERVER, severity: "broken",
    statement: "the selected management level is where AD permissions are created and licence use is counted",
    message: "The directory refused the operation: the user is outside the management level where the service account's permissions were created.",
    remedy: "Select a management level (OU) that contains the users, so the Server's permissions are created there." }),
  rule({ id: "spr.server.management-level.licence", fact: "spr.server.management-level", kind: "effect", section: SERVER, severity: "broken",
    statement: "the selected management level is where AD permissions are created and licence use is counted",
    message: "More user accounts in the management level than the licence covers: the Server refuses the operation.",
    remedy: "Select a management level with no more users than the licence covers, or import a licence for more users.",
    inference: "The document says licence use is counted in the management level; the lab counts the enabled user accounts below it and, beyond the licensed number, refuses every user operation." }),
  rule({ id: "spr.server.cert-same", kind: "prereq", section: SERVER, severity: "broken",
    statement: "select the same self-signed certificate as today; compare with the thumbprint in ...\\Server\\Specopssoft.SpecopsPasswordReset.Server.exe.config",
    message: "The Server presents another certificate than the one the Web pinned: the Web refuses the connection.",
    remedy: "Run the Server setup again and select the certificate the Web pins (the thumbprint Specopssoft.SpecopsPasswordReset.Server.exe.config held before the upgrade).",
    inference: CHANNEL_INFERENCE }),
  rule({ id: "spr.server.cert-friendly-name", kind: "effect", section: SERVER, severity: "blocked",
    statement: "the certificate is found by its friendly name when one was set",
    message: "No single certificate with a private key in LocalMachine\\My matches the certificate chosen in the Server setup.",
    remedy: "Select the self-signed certificate created at installation (by its friendly name, or by the thumbprint in the Server's config file)." }),

  // Web
  rule({ id: "spr.web.role", kind: "runtime", section: WEB, severity: "broken",
    statement: "the Web presents the user interface and asks the Server to verify user input",
    message: "The browser did not get the Specops Password Reset Web's page.",
    remedy: "Make sure the Web is installed and its site runs, and that the client can reach it over https." }),
  rule({ id: "spr.web.iis-configure", kind: "manual", section: WEB, severity: "info",
    statement: "Configure in the prerequisites section configures IIS",
    message: "The Setup Assistant configured IIS on this host.",
    remedy: "Click Configure in the prerequisites section to configure IIS." }),
  rule({ id: "spr.web.server-name", kind: "effect", section: WEB, severity: "broken",
    statement: "the Web is pointed at the Reset Server by name",
    message: "The Reset Server name the Web was given does not lead to a Specops Password Reset Server.",
    remedy: "In the Web setup, click Select and enter the name of your Reset Server." }),
  rule({ id: "spr.web.site", kind: "effect", section: WEB, severity: "blocked",
    statement: "the Web goes into the selected IIS website when there are several",
    message: "The website chosen for the Web does not exist on this IIS.",
    remedy: "Select one of the websites running on this IIS." }),
  rule({ id: "spr.web.scp", kind: "effect", section: WEB, severity: "broken",
    statement: "an internal Web keeps \"Update the Service Connection Point\" checked so internal clients find it",
    message: "Internal clients found no Service Connection Point for the Specops Password Reset Web.",
    remedy: "Run the internal Web's setup with \"Update the Service Connection Point information during installation\" checked." }),
  rule({ id: "spr.web.ssl-cert", kind: "effect", section: WEB, severity: "broken",
    statement: "the selected certificate is bound for SSL",
    message: "The Web's https binding has no certificate: the TLS handshake fails.",
    remedy: "Select the certificate for SSL encryption in the Web setup (or bind it in IIS Manager)." }),
  rule({ id: "spr.web.mobile", kind: "effect", section: WEB, severity: "broken",
    statement: "the Web Setup Wizard can install the mobile component",
    message: "The mobile component is not installed on the Web: the mobile application gets no answer.",
    remedy: "Install the mobile component in the Specops Password Reset Web Setup Wizard." }),

  // DMZ
  rule({ id: "spr.dmz.dotnet", kind: "prereq", section: DMZ, severity: "blocked",
    statement: "the DMZ server has .NET 3.5 SP1",
    message: ".NET 3.5 SP1 is not installed on the DMZ server.",
    remedy: "Install .NET Framework 3.5 SP1 on the DMZ server before upgrading the web component there." }),
  rule({ id: "spr.dmz.no-scp", kind: "manual", section: DMZ, severity: "broken",
    statement: "on the DMZ server do not update the Service Connection Point",
    message: "The DMZ web published the Service Connection Point: internal clients are sent to the DMZ web.",
    remedy: "Run the DMZ web setup with \"Update the Service Connection Point information\" cleared, and the internal Web's with it checked." }),
  rule({ id: "spr.dmz.scp-hidden", kind: "effect", section: DMZ, severity: "info",
    statement: "the SCP option is not shown when the DMZ server is not joined",
    message: "The Service Connection Point option is not shown on a server outside the domain; the web there publishes no SCP.",
    remedy: "Nothing to do on the DMZ server; internal clients find the internal Web's SCP." }),
  rule({ id: "spr.dmz.cert-binding", kind: "manual", section: DMZ, severity: "broken",
    statement: "if the certificate cannot be selected, bind it in IIS Manager (Default website, Bindings, https)",
    message: "The certificate could not be selected in the Setup Assistant and was not bound in IIS Manager afterwards.",
    remedy: "In IIS Manager: Default website, Bindings, https, Edit, and select the SSL certificate." }),

  // Administration Tools
  rule({ id: "spr.admin.install", kind: "effect", section: ADMIN, severity: "broken",
    statement: "Administration Tools configure the solution and create settings in GPOs",
    message: "The Administration Tools cannot open the central configuration: they are older than it.",
    remedy: "Upgrade the Administration Tools to the latest version.",
    inference: CONFIG_INFERENCE }),

  // Client
  rule({ id: "spr.client.role", kind: "runtime", section: CLIENT, severity: "broken",
    statement: "the Client shows the reset link at logon and enrollment notifications",
    message: "The workstation shows no working link to the Specops Password Reset Web at logon.",
    remedy: "Deploy the Client to the workstation and make sure it finds the Web (Service Connection Point)." }),
  rule({ id: "spr.client.gpsi", kind: "effect", section: CLIENT, severity: "blocked",
    statement: "an existing GPO with Software Installation settings is upgraded to deploy the Client",
    message: "The GPO selected for the Client deployment does not exist.",
    remedy: "Select an existing GPO (the one that deploys the Client today) in \"Deploy Specops Password Client using GPSI\"." }),
  rule({ id: "spr.client.share", kind: "manual", section: CLIENT, severity: "broken",
    statement: "an existing share needs the Client Side Extension msi copied into it (from ...\\products\\specopspasswordreset)",
    message: "The share named in the GPO does not hold the Client Side Extension msi: the workstations' software installation fails (1612).",
    remedy: "Copy the Client Side Extension msi-packages from C:\\temp\\SpecopsPasswordReset_Setup_[VersionNumber]\\products\\specopspasswordreset into the share, then restart the workstations." }),
  rule({ id: "spr.client.dfs", kind: "manual", section: CLIENT, severity: "broken",
    statement: "with DFS load balancing, files must be on every DFS server before proceeding",
    message: "A DFS server the workstation was referred to does not hold the setup files: its software installation fails.",
    remedy: "Copy the setup files to every server of the DFS namespace before adding the settings to the GPO.",
    inference: "The lab refers each workstation to one DFS target, chosen from a hash of the computer name (stable per name, as a DFS referral ordered by site cost and then at random is stable per client)." }),
  rule({ id: "spr.client.x86-x64", kind: "effect", section: CLIENT, severity: "broken",
    statement: "Add Settings upgrades both x86 and x64 packages in the GPO",
    message: "Only one architecture's package was upgraded in the GPO: workstations of the other architecture keep the old Client.",
    remedy: "Click Add Settings so that both the x86 and the x64 packages in the GPO are upgraded.",
    inference: "A Client Side Extension must match the architecture of Windows (64-bit Windows does not load a 32-bit CSE), so the lab installs on each workstation the package of its own architecture." }),
  rule({ id: "spr.client.restart", kind: "runtime", section: CLIENT, severity: "warning",
    statement: "computer software installation may not take effect until computers restart",
    message: "The workstation has not restarted since the deployment changed: it still runs the old Client (or none).",
    remedy: "Restart the workstations so that the computer software installation takes effect." }),
  rule({ id: "spr.client.other-tools", kind: "advisory", section: CLIENT, severity: "info",
    statement: "without GPSI, other deployment tools may update the CSE",
    message: "Without GPSI, the Client Side Extension can be updated with other deployment tools.",
    remedy: "Update the Client Side Extension with your deployment tool if you do not deploy it by GPSI.",
    advisory: { reason: "Third-party deployment tools are outside the lab's estate; only Group Policy Software Installation is modelled." } }),
  rule({ id: "spr.client.admx-migrate", kind: "manual", section: CLIENT, severity: "warning",
    statement: "from Client 6.3 or lower, ADMX/ADML changes (custom mobile attribute) must be migrated by hand",
    message: "Settings made with the 6.3 ADMX/ADML template were not migrated: the new Client ignores them and uses its defaults (the custom mobile attribute is lost).",
    remedy: "Migrate the settings to the new Administrative Template by hand (Configuring the Client from the Administrative Template).",
    inference: "The lab's model: a Client up to 6.3 reads its policy from HKLM\\SOFTWARE\\Policies\\Specopssoft\\Specops Password Reset\\Client, a later one from ...\\Client\\v7; the user's mobile number is read from the attribute the Client's policy names (default: mobile)." }),

  // Congratulations
  rule({ id: "spr.post.license", kind: "check", section: POST, severity: "broken",
    statement: "from 5.0 or lower, import the new key in the Password Reset Configuration tool",
    message: "The Server runs with a licence key issued for 5.0 or lower, which this version refuses: user operations are refused.",
    remedy: "Import the new licence key in the Password Reset Configuration tool.",
    inference: "The lab's licence keys carry a generation: keys issued for 5.0 and lower are refused by a 6.x or later Server." }),
  rule({ id: "spr.post.flows", kind: "check", section: POST, severity: "broken",
    statement: "test enrollment, reset, change, mobile client from the internal network",
    message: "A password process (enrollment, reset, change or mobile) failed from the internal network.",
    remedy: "Follow the failure to its cause (the other findings name it) and test again." }),
  rule({ id: "spr.post.external", kind: "check", section: POST, severity: "warning",
    statement: "external tests only once the DMZ server is upgraded",
    message: "External tests were run while the DMZ server is not upgraded: they do not test the new version.",
    remedy: "Upgrade the web component in the DMZ before testing from the external network." }),
  rule({ id: "spr.post.elevated-pages", kind: "check", section: POST, severity: "broken",
    statement: "elevated accounts still reach Reporting and Helpdesk pages (internal only)",
    message: "An elevated account could not reach the Reporting or Helpdesk page from the internal network.",
    remedy: "Give the elevated accounts membership of the Specops Password Reset Helpdesk group and use the internal Web.",
    inference: "The lab serves the Helpdesk and Reporting pages from an internal (domain-joined) Web only, to members of the group \"Specops Password Reset Helpdesk\" (Domain Admins are always allowed)." }),
  rule({ id: "spr.post.branding", kind: "check", section: POST, severity: "warning",
    statement: "corporate branding (web customisation, logo) still in place",
    message: "The corporate branding is gone: the Web serves the default logo and style.",
    remedy: "Restore the branding files (logo, customisation) into the Web's Branding folder from the backup taken before the upgrade.",
    inference: "The lab keeps branding as files in the Web's Branding folder, which an upgrade of the Web replaces with the defaults." }),
  rule({ id: "spr.post.passphrase-mobile", kind: "check", section: POST, severity: "broken",
    statement: "with Specops Password Policy 6.3 passphrases, mobile users need the latest app",
    message: "The mobile application refused the passphrase: users with an older app cannot use passphrases.",
    remedy: "Have the mobile users install the latest update of the mobile application.",
    inference: "The lab's older mobile app checks a new password itself before sending it and refuses spaces and more than 32 characters, which a passphrase has." }),
];

const BY_ID = new Map(SPR_RULES.map((r) => [r.id, r]));

/** A rule by id; an unknown id is a programming error in this product. */
export function sprRule(id: string): Rule {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`no Specops Password Reset rule "${id}"`);
  return found;
}
