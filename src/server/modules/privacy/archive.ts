import { Readable } from 'node:stream';
import yazl from 'yazl';
import type { Config } from '../../config.js';
import type { RequestContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/index.js';
import { searchAuditTrail } from '../audit/index.js';
import { caseRecordsForMember, casesOfMember } from '../cases/index.js';
import { documentsOfCases, fileExtension, isShredded, openContent } from '../documents/index.js';
import { serviceReviewsOfCases } from '../feedback/index.js';
import { accountOfMember } from '../identity/index.js';
import { caseBundleForDataSubject, type DataSubjectRequest } from '../interop/index.js';
import { messagesOfCases } from '../messaging/index.js';
import { outcomesOfCases } from '../outcomes/index.js';
import { findRegisterEntry } from '../plans/index.js';
import { recordsCollectionOfCases } from '../records/index.js';
import { referralsOfCase } from '../referrals/index.js';
import { followupsOfCases, layersOfCases, opinionsOfCases } from '../reviews/index.js';

/** The archive's layout, written down for the member in its README and for developers here. */
export const ARCHIVE_ROOT = 'consilium-export';
export const DATA_FILE = `${ARCHIVE_ROOT}/data.json`;
/** Each case's FHIR R4 Bundle: `fhir/<case number>.json`. */
export const FHIR_FOLDER = `${ARCHIVE_ROOT}/fhir/`;
export const fhirPath = (caseNumber: string) => `${FHIR_FOLDER}${caseNumber}.json`;
export const documentPath = (caseNumber: string, documentId: string, extension: string) =>
  `${ARCHIVE_ROOT}/documents/${caseNumber}/${documentId}.${extension}`;

const README = `Consilium: everything we hold about you
======================================

data.json      Your profile and account, your cases with their timeline, the messages of each
               case, the recommendations, the specialists' opinions (each with the language it
               was written in), the summary written for you and the translations, the letters
               you sent to your doctors, the referrals with their cover checks and
               pre-authorisations, your follow-up questions to
               the specialists and their answers, the check-ins and what you told us after the
               opinion (outcomes), the doctors and institutions we asked for your records, the
               releases you signed and where each request stands, your review of the service,
               the list of your documents (each with its SHA-256) and the log of every access to
               your data. Machine-readable JSON; times are UTC (ISO 8601).
documents/     The content of each document, in a folder per case, named by the document's id
               (the same id as in data.json).
fhir/          The FHIR R4 Bundle of each case (fhir/<case number>.json): the same case in the
               health-data standard other systems read (a Bundle of type "collection"). Each
               DocumentReference points at the document's file in this archive (../documents/...).
`;

const AUDIT_PAGE = 1000;

/** Everything the member may read about themselves, as the JSON of the archive. */
async function collect(db: Queryable, memberId: string, now: Date) {
  const person = await findRegisterEntry(db, memberId);
  const account = await accountOfMember(db, memberId);
  const cases = await casesOfMember(db, memberId);
  const caseIds = cases.map((kase) => kase.id);
  const records = await caseRecordsForMember(db, caseIds);
  const messages = await messagesOfCases(db, caseIds);
  const opinions = await opinionsOfCases(db, caseIds);
  const documents = await documentsOfCases(db, caseIds);
  const questions = await followupsOfCases(db, caseIds);
  const outcomes = await outcomesOfCases(db, caseIds);
  const collection = await recordsCollectionOfCases(db, caseIds);
  const serviceReviews = await serviceReviewsOfCases(db, caseIds);
  const layers = await layersOfCases(db, caseIds);
  const referrals = new Map<string, Awaited<ReturnType<typeof referralsOfCase>>>();
  for (const caseId of caseIds) referrals.set(caseId, await referralsOfCase(db, caseId));
  const numberOf = new Map(cases.map((kase) => [kase.id, kase.number]));
  const accessLog = [];
  for (let beforeSeq: number | undefined; ;) {
    const page = await searchAuditTrail(db, { subjectMemberId: memberId, limit: AUDIT_PAGE, beforeSeq });
    accessLog.push(
      ...page.map((row) => ({
        occurredAt: row.occurredAt.toISOString(),
        action: row.action,
        actorRole: row.actorRole,
        actorName: row.actorUserId === account?.userId ? null : row.actorName,
        byYou: row.actorUserId !== null && row.actorUserId === account?.userId,
        purpose: row.purpose,
        outcome: row.outcome,
      })),
    );
    if (page.length < AUDIT_PAGE) break;
    beforeSeq = page.at(-1)!.seq;
  }
  const byCase = <T extends { caseId: string }>(rows: T[], caseId: string) =>
    rows.filter((row) => row.caseId === caseId).map(({ caseId: _, ...rest }) => rest);
  const json = {
    format: 'consilium-export/1',
    generatedAt: now.toISOString(),
    person: person && {
      memberNumber: person.memberNumber,
      membershipNumber: person.membershipNumber,
      givenName: person.givenName,
      familyName: person.familyName,
      dateOfBirth: person.dateOfBirth,
      country: person.country,
      preferredLanguage: person.preferredLanguage,
      relationship: person.relationship,
    },
    account: account && {
      name: account.name,
      email: account.email,
      emailVerified: account.emailVerified,
      twoStepSignIn: account.twoFactorEnabled,
      locale: account.locale,
      timeZone: account.timeZone,
      country: account.country,
      phone: account.phone,
      preferredContactChannel: account.preferredContactChannel,
      preferredContactWindows: account.preferredContactWindows,
      createdAt: account.createdAt.toISOString(),
    },
    cases: cases.map((kase) => ({
      number: kase.number,
      status: kase.status,
      submittedAt: kase.submittedAt.toISOString(),
      closedAt: kase.closedAt?.toISOString() ?? null,
      withdrawnAt: kase.withdrawnAt?.toISOString() ?? null,
      concern: kase.concern,
      diagnosisReceived: kase.diagnosisReceived,
      treatmentPlanReceived: kase.treatmentPlanReceived,
      firstOpinionDoctor: kase.firstOpinionDoctor,
      firstOpinionInstitution: kase.firstOpinionInstitution,
      firstOpinionCountry: kase.firstOpinionCountry,
      questions: kase.questions,
      preferredLanguage: kase.preferredLanguage,
      contactChannel: kase.contactChannel,
      contactPhone: kase.contactPhone,
      timeZone: kase.timeZone,
      location: { country: kase.locationCountry, city: kase.locationCity },
      timeline: byCase(records.events, kase.id),
      messages: byCase(messages, kase.id),
      recommendations: byCase(records.recommendations, kase.id).map((row) => ({
        language: row.language,
        body: row.body,
        nextSteps: row.nextSteps,
        deliveredAt: row.deliveredAt?.toISOString() ?? null,
        acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
      })),
      opinions: byCase(opinions, kase.id),
      opinionSummaries: byCase(layers.summaries, kase.id),
      opinionTranslations: byCase(layers.translations, kase.id),
      lettersToYourDoctors: byCase(layers.doctorLetters, kase.id),
      referrals: referrals.get(kase.id) ?? [],
      followUps: byCase(records.followUps, kase.id),
      questionsToSpecialists: byCase(questions, kase.id),
      outcome: byCase(outcomes.outcomes, kase.id)[0] ?? null,
      outcomeAnswers: byCase(outcomes.answers, kase.id),
      providers: byCase(collection.providers, kase.id),
      releases: byCase(collection.releases, kase.id),
      recordRequests: byCase(collection.requests, kase.id),
      serviceReview: byCase(serviceReviews, kase.id)[0] ?? null,
      documents: byCase(documents, kase.id).map((row) => ({
        id: row.id,
        kind: row.kind,
        source: row.source,
        title: row.title,
        documentDate: row.documentDate,
        mediaType: row.mediaType,
        sizeBytes: row.sizeBytes,
        sha256: row.sha256,
        addedAt: row.createdAt.toISOString(),
        file: isShredded(row)
          ? null
          : documentPath(
              kase.number,
              row.id,
              fileExtension[row.mediaType as keyof typeof fileExtension] ?? 'bin',
            ),
      })),
    })),
    accessLog,
  };
  return { json, documents: documents.filter((row) => !isShredded(row)), numberOf };
}

/**
 * The member's archive as a zip stream: the README, the JSON, each case's FHIR Bundle, then each
 * document decrypted and verified as it streams, one at a time. A Bundle is built only when the zip
 * reaches it (one case's Bundle in memory at a time, compressed: JSON shrinks well); a document's
 * content is opened only when the zip reaches it, and stored without compression (records are
 * PDFs, images and DICOM, already compressed). The JSON is the one part held whole.
 */
export async function memberArchive(
  ctx: RequestContext,
  config: Pick<Config, 'dataDir' | 'objectStore' | 'documentMasterKey'>,
  request: DataSubjectRequest,
  now: Date,
): Promise<{ content: Readable; documents: number }> {
  const { json, documents, numberOf } = await collect(ctx.db, request.memberId, now);
  const zip = new yazl.ZipFile();
  const mtime = now;
  zip.addBuffer(Buffer.from(README, 'utf8'), `${ARCHIVE_ROOT}/README.txt`, { mtime });
  zip.addBuffer(Buffer.from(JSON.stringify(json, null, 2), 'utf8'), DATA_FILE, { mtime });
  zip.addEmptyDirectory(FHIR_FOLDER, { mtime });
  // Each document's file, relative to the Bundle's own, so that the archive can be unpacked
  // anywhere; a document erased by its key has no file, and keeps the link to the app's download.
  const files = new Map(
    json.cases.flatMap((kase) =>
      kase.documents.flatMap((document) =>
        document.file ? [[document.id, `../${document.file.slice(ARCHIVE_ROOT.length + 1)}`] as const] : [],
      ),
    ),
  );
  for (const [caseId, caseNumber] of numberOf) {
    zip.addReadStreamLazy(fhirPath(caseNumber), { mtime, compress: true }, (ready) => {
      const contentUrl = (documentId: string) =>
        files.get(documentId) ?? `/api/v1/cases/${caseId}/documents/${documentId}/content`;
      caseBundleForDataSubject(ctx, request, caseId, contentUrl).then(
        (bundle) => ready(null, Readable.from([Buffer.from(JSON.stringify(bundle, null, 2), 'utf8')])),
        (error: unknown) => ready(error, undefined as never),
      );
    });
  }
  for (const row of documents) {
    const extension = fileExtension[row.mediaType as keyof typeof fileExtension] ?? 'bin';
    zip.addReadStreamLazy(
      documentPath(numberOf.get(row.caseId)!, row.id, extension),
      { mtime, compress: false, size: row.sizeBytes },
      (ready) => {
        openContent(config, row).then(
          (content) => {
            content.on('error', (error) => zip.outputStream.emit('error', error));
            ready(null, content);
          },
          (error: unknown) => ready(error, undefined as never),
        );
      },
    );
  }
  zip.end();
  return { content: zip.outputStream as Readable, documents: documents.length };
}
