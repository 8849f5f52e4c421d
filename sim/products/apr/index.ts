// Netwrix (ANIXIS) Password Reset 3.23: rules, packages (Setup and its
// effects), runtime (the Web Interface, the wire, the APR Server) and the
// planner. The scenario layer loads `aprProduct`.

// --- the product module ------------------------------------------------------
export { aprProduct, APR_FAULTS } from "./apr-product.ts";
export { APR_RULES, APR_PRODUCT_ID, APR_SEED_FILE, aprRule } from "./rules.ts";
export { APR_VERBS } from "./verbs.ts";
export { APR_VERIFICATIONS, verifyFlows, verifyDataConsole, verifyClients, verifyLicences, verifyCustomisations } from "./verifications.ts";
export { seedInstalled, DEFAULT_SERVICE_PASSWORD } from "./seed-installed.ts";
export { planUpgrade } from "./plan-upgrade.ts";

// --- versions and layout ------------------------------------------------------
export {
  APR_SERVER, APR_WEB, APR_CLIENT, PPE, APR_COMPONENTS, APR_VERSIONS, APR_LATEST, PPE_VERSIONS,
  aprLine, isAprVersion, fileVersionOf, protocolOf, protocolOfFileVersion, versionOfProtocol, compareAprVersions, productCodeOf, PRODUCT_NAMES,
} from "./apr-versions.ts";
export {
  SERVICE_NAME, SERVICE_DISPLAY_NAME, SERVICE_EXE, FIREWALL_RULE, DEFAULT_VDIR, WEB_ROOT, APR_DLL, WEB_TEMPLATES, IIS_HANDLER_ID,
  REG_ROOT, CLIENT_REG_ROOT, IE_EMULATION_KEY, LOGONUI_VALUE, IE11_EMULATION, regKey, defaultServerDir, webFolder, sqlCeDir,
} from "./apr-layout.ts";
export { installedVersion, installFolder, configVersion } from "./apr-install-state.ts";
export { licenceMajor, licensesMajor, sampleKey, EVALUATION_MS } from "./licence.ts";

// --- Setup and the operator's tasks ------------------------------------------
export { runSetup, DEFAULT_SERVICE_USER, customisedFiles } from "./setup-wizard.ts";
export { checkPrerequisites, accountOfService } from "./setup-prerequisites.ts";
export { installServer, uninstallServer, installWeb, uninstallWeb, installClient, uninstallClient, ensureIis, publishWebApplication, writeWebFiles, installSqlCe } from "./apr-packages.ts";
export { backupWeb, backupDatabase, restoreWeb, moveDatabase, databaseLock, databaseFolderOf, MOVE_STEPS, BACKUP_ROOT } from "./operator-files.ts";

// --- the wire (the lab's own format) and the server ---------------------------
export { APR_UDP_PORT, HEADER_BYTES, NONCE_BYTES, TAG_BYTES, REQUEST_ID_BYTES, MIN_DATAGRAM_BYTES, MAX_DATAGRAM_BYTES, WIRE_KIND, WireCodec, counterNonces, parseHeader, encodeHeader } from "./wire-format.ts";
export { REPLY_CODES, encodeJson, decodeJson, parseRequest, parseReply, parseWireError } from "./apr-messages.ts";
export { normaliseAnswer, hashAnswer, answerMatches } from "./answer-hash.ts";
export { AprDatabase, DB_FILE, LOG_FILE, databaseFormatOf } from "./apr-database.ts";
export { DedupCache } from "./dedup-cache.ts";
export { runDatagramFuzz } from "./datagram-fuzzer.ts";
export { FUZZ_CLASSES, ALLOWED_OUTCOMES, FuzzCaseMaker } from "./fuzz-cases.ts";
export { AprServerState, DEFAULT_SERVER_CONFIG } from "./server-state.ts";
export { handleDatagram } from "./handle-datagram.ts";
export { serveDatagrams } from "./serve-datagrams.ts";
export { userMessageFor } from "./directory-messages.ts";
export { directoryPort } from "./directory-adapter.ts";
export { MemoryDirectoryPort } from "./memory-directory-port.ts";
export { attachServerRuntime, stopServer, loadDatabase, saveDatabase, hostNow } from "./server-runtime.ts";
export { AprWorld } from "./apr-world.ts";

// --- the Web Interface, its requests, the checks ------------------------------
export { AprRequester } from "./apr-requester.ts";
export { clockTimers, hostTimers } from "./reply-timers.ts";
export { requestIdSource, noncePrefix } from "./request-ids.ts";
export { webInterfaceHandler, exchangeWithServer, serverAddressFor, RESULT_HEADER, TRACE_HEADER, DIRECTORY_HEADER } from "./web-interface.ts";
export { templateFor, minDocumentMode, pageMinDocumentMode } from "./web-templates.ts";
export { webTargets, browserFor } from "./web-targets.ts";
export { runFlows, submitWrongAnswers } from "./flows.ts";
export { diagnoseFailure, diagnoseReply } from "./diagnose.ts";
export { clientDocumentMode } from "./client-render.ts";

// --- types ---------------------------------------------------------------------
export type { AprComponent, AprVersion, AprLine } from "./apr-versions.ts";
export type { PlanStep, PlanBlocker, UpgradePlan, PlanOptions } from "./plan-upgrade.ts";
export type { SetupArgs, SetupType } from "./setup-wizard.ts";
export type { SetupIssue, SetupRequest, PrerequisiteReport } from "./setup-prerequisites.ts";
export type { ServerInstallOptions, WebInstallOptions } from "./apr-packages.ts";
export type { MoveStep, DatabaseBackup } from "./operator-files.ts";
export type { WireHeader, WireKind, WireRejectReason, HeaderResult, OpenResult, NonceSource } from "./wire-format.ts";
export type { AprRequest, AprReply, AprOp, AprWireError, ReplyCode, EnrollRequest, QuestionsRequest, ResetRequest, ChangeRequest } from "./apr-messages.ts";
export type { Enrollment, AuditEntry, AuditEvent, DatabaseFormat } from "./apr-database.ts";
export type { AprServerConfig, ServerCounters, RejectCounter } from "./server-state.ts";
export type { FuzzOptions, FuzzReport, FuzzFinding, FuzzResult } from "./datagram-fuzzer.ts";
export type { FuzzClass, FuzzOutcome, FuzzTarget, FuzzCase, Sent } from "./fuzz-cases.ts";
export type { Endpoint, InboundDatagram, OutboundDatagram, ServerDeps } from "./handle-datagram.ts";
export type { AprDirectoryPort, DirectoryFailure, DirectoryOutcome } from "./directory-port.ts";
export type { ServerRuntime } from "./apr-world.ts";
export type { DatagramPort, ReplyTimers, ExchangeOutcome, RequesterOptions } from "./apr-requester.ts";
export type { WebFailure, WebInterfaceOptions, WebDatagramTransport } from "./web-interface.ts";
export type { WebTarget } from "./web-targets.ts";
export type { FlowOp, FlowResult } from "./flows.ts";
export type { Diagnosis } from "./diagnose.ts";
export type { DocumentModeDecision } from "./client-render.ts";
