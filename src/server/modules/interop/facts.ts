import type { Actor } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/index.js';
import {
  caseTimeline,
  casesPolicy,
  findRecommendations,
  followUpsOf,
  type CaseRow,
  type Relation,
} from '../cases/index.js';
import { documentsOfCase, documentsPolicy, sharingConsentsOfCase } from '../documents/index.js';
import { displayNameOf } from '../identity/index.js';
import { threadOfCase } from '../messaging/index.js';
import { findMemberCoverage } from '../plans/index.js';
import { referralsOfCase } from '../referrals/index.js';
import { opinionsOfCase } from '../reviews/index.js';

/*
 * What the export of a case is made from, gathered once, in the read's transaction, through the
 * other rooms' faces only. Each builder takes these facts and returns its resources; a room that
 * adds resources to the export adds its part here (read through its face) and a builder.
 */

export type MemberCoverage = NonNullable<Awaited<ReturnType<typeof findMemberCoverage>>>;

export interface Practitioner {
  id: string;
  name: string;
}

export interface CaseFacts {
  kase: CaseRow;
  /** The patient, their membership, plan and insurer. */
  patient: MemberCoverage;
  /** The member who acts for a dependant patient, if any. */
  guardian: MemberCoverage['member'] | undefined;
  caseManager: Practitioner | undefined;
  /** Staff who wrote in the thread or the recommendations (the case manager among them). */
  staff: Practitioner[];
  timeline: Awaited<ReturnType<typeof caseTimeline>>;
  messages: Awaited<ReturnType<typeof threadOfCase>>;
  documents: Awaited<ReturnType<typeof documentsOfCase>>;
  consents: Awaited<ReturnType<typeof sharingConsentsOfCase>>;
  opinions: Awaited<ReturnType<typeof opinionsOfCase>>;
  recommendations: Awaited<ReturnType<typeof findRecommendations>>;
  followUps: Awaited<ReturnType<typeof followUpsOf>>;
  /** The referrals after the recommendations, each with its cover check and pre-authorisation. */
  referrals: Awaited<ReturnType<typeof referralsOfCase>>;
  /** The content of documents put inside the Bundle, by document id (`?include=binary`). */
  binaries: Map<string, Buffer>;
  /** Where a document's content is downloaded from when it is not inside the Bundle. */
  contentUrl: (documentId: string) => string;
  exportedAt: Date;
}

/** Who the Bundle is for: their relation to the case, and whether they see staff-only entries. */
export interface Reader {
  relation: Relation;
  seesStaffOnly: boolean;
}

/** The reader of a signed-in export: what the case core says the actor is to the case. */
export const readerOf = (actor: Actor, relation: Relation): Reader => ({
  relation,
  seesStaffOnly: casesPolicy.seesStaffOnly(actor),
});

/** The member the data is about, reading their own case (the data subject's export). */
export const dataSubject: Reader = { relation: 'member', seesStaffOnly: false };

/**
 * What the reader sees of the case is what the case's own pages show them: staff-only timeline
 * entries are for staff; the recommendations and the specialist opinions reach the member once
 * they are delivered (a draft is the case manager's); the records and the consents to share them
 * are for those the documents room lets read them (not operations).
 */
export async function gatherCaseFacts(
  tx: Queryable,
  reader: Reader,
  kase: CaseRow,
  exportedAt: Date,
): Promise<Omit<CaseFacts, 'binaries' | 'contentUrl'>> {
  const staffReader = reader.seesStaffOnly;
  const patient = await findMemberCoverage(tx, kase.memberId);
  if (!patient) throw new Error('a case whose member is not in the register');
  const guardian = patient.member.guardianMemberId
    ? (await findMemberCoverage(tx, patient.member.guardianMemberId))?.member
    : undefined;
  const recommendations = await findRecommendations(tx, kase.id);
  const delivered = recommendations?.deliveredAt != null;
  const messages = await threadOfCase(tx, kase.id);
  const readsRecords = documentsPolicy.read(reader.relation);

  const staffIds = new Set<string>();
  if (kase.caseManagerUserId) staffIds.add(kase.caseManagerUserId);
  for (const message of messages)
    if (message.authorRole === 'case_manager') staffIds.add(message.authorUserId);
  if (recommendations && (staffReader || delivered)) staffIds.add(recommendations.writtenByUserId);
  const staff: Practitioner[] = [];
  for (const id of staffIds) staff.push({ id, name: (await displayNameOf(tx, id)) ?? '' });

  return {
    kase,
    patient,
    guardian,
    caseManager: staff.find((person) => person.id === kase.caseManagerUserId),
    staff,
    timeline: await caseTimeline(tx, kase.id, staffReader),
    messages,
    documents: readsRecords ? await documentsOfCase(tx, kase.id) : [],
    consents: readsRecords ? await sharingConsentsOfCase(tx, kase.id) : [],
    opinions: staffReader || delivered ? await opinionsOfCase(tx, kase.id) : [],
    recommendations: staffReader || delivered ? recommendations : undefined,
    followUps: await followUpsOf(tx, kase.id),
    referrals: await referralsOfCase(tx, kase.id),
    exportedAt,
  };
}
