export { buildEstate, withDomainControllers } from "./build-estate.ts";
export { ShareTable } from "./share-table.ts";
export type { Share, ShareFile } from "./share-table.ts";
export { createCertificate, trustedHosts } from "./create-certificate.ts";
export { certificateIndex, certificateKey, namedCertificate } from "./certificate-index.ts";
export { applyAssignedSoftware, joinDomain, unjoinDomain } from "./domain-membership.ts";
export { snapshotEstate } from "./snapshot-estate.ts";
