import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { v7 as uuidv7 } from 'uuid';
import type { CaseStatus } from '../../shared/cases.js';
import type { DiagnosisVerdict, TreatmentVerdict } from '../../shared/reviews.js';
import type { Tx } from '../platform/db/index.js';
import { caseManagerLoad } from '../modules/assignment/schema.js';
import { nextCaseNumber } from '../modules/cases/repo.js';
import {
  caseContact,
  caseEvent,
  caseRecommendation,
  followUp,
  opinionCase,
} from '../modules/cases/schema.js';
import { serviceReview } from '../modules/feedback/schema.js';
import { caseOutcome, outcomeAnswer } from '../modules/outcomes/schema.js';
import { reviewSummary } from '../modules/reviews/layers-schema.js';
import { review, reviewOffer, reviewOpinion } from '../modules/reviews/schema.js';
import { scheduleFirstContactClocks } from '../modules/sla/index.js';
import { specialist } from '../modules/specialists/schema.js';
import {
  actionMix,
  demoQuestion,
  demoRecommendations,
  demoSummaries,
  demoServiceReviews,
  demoTopics,
  diagnosisMix,
  treatmentMix,
  treatmentsHad,
  wellbeingMix,
  type DemoLanguage,
  type DemoTopic,
} from './case-stories.js';

/*
 * Writes one demo case as the rooms would have left it at its state: the case row, its timeline,
 * the first contact, the specialist review with its offers and opinions, the recommendations, the
 * check-ins and the answers to them, the reconciled outcome of a panel that disagreed, and the
 * member's service review. Times run back from `now`; chance comes from a fixed seed.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface Person {
  memberId: string;
  userId: string;
  language: DemoLanguage;
  country: string;
  city: string;
  timeZone: string;
}

export interface Reviewer {
  specialistId: string;
  userId: string;
}

export interface Staff {
  caseManagerByLanguage: Record<DemoLanguage, string>;
  moderatorId: string;
  opsId: string;
  /** The demo specialist's own record (the desk account of seed.ts): an offer and a review on their desk. */
  desk: Reviewer | null;
}

/** Days since submission of a case in each state: [least, most]. */
const ageDays: Record<CaseStatus, [number, number]> = {
  submitted: [0.05, 0.1],
  assigned: [0.1, 0.9],
  contacted: [1, 3],
  gathering_information: [2, 6],
  under_review: [5, 10],
  opinion_ready: [9, 14],
  recommendations_delivered: [12, 40],
  monitoring: [40, 330],
  closed: [150, 430],
  withdrawn: [15, 200],
};

/** xoroshiro128+ (pure-rand) from a fixed state: the same cases on every machine. */
function demoRandom() {
  const generator = xoroshiro128plusFromState([0x2026, 0x5e0, 0x1b7, 0xca5e]);
  const next = () => uniformFloat64(generator);
  return {
    next,
    between: (low: number, high: number) => low + next() * (high - low),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    weighted: <T>(items: readonly [T, number][]): T => {
      let left = next() * items.reduce((sum, [, weight]) => sum + weight, 0);
      for (const [item, weight] of items) {
        left -= weight;
        if (left < 0) return item;
      }
      return items.at(-1)![0];
    },
  };
}

const order: CaseStatus[] = [
  'submitted',
  'assigned',
  'contacted',
  'gathering_information',
  'under_review',
  'opinion_ready',
  'recommendations_delivered',
  'monitoring',
];
/** Whether a case whose furthest step is `last` went through `step`. */
const reached = (last: CaseStatus, step: CaseStatus) => order.indexOf(step) <= order.indexOf(last);
const deliveredStates = new Set<CaseStatus>(['recommendations_delivered', 'monitoring', 'closed']);

export class CaseWriter {
  private readonly random = demoRandom();
  private readonly openCases = new Map<string, number>();
  private readonly seqs = new Map<string, number>();
  /** The rows, written together at the end: a few statements instead of thousands. */
  private readonly pending = {
    cases: [] as PgInsertValue<typeof opinionCase>[],
    events: [] as (typeof caseEvent.$inferInsert)[],
    contacts: [] as (typeof caseContact.$inferInsert)[],
    reviews: [] as (typeof review.$inferInsert)[],
    offers: [] as (typeof reviewOffer.$inferInsert)[],
    opinions: [] as (typeof reviewOpinion.$inferInsert)[],
    summaries: [] as (typeof reviewSummary.$inferInsert)[],
    recommendations: [] as (typeof caseRecommendation.$inferInsert)[],
    followUps: [] as (typeof followUp.$inferInsert)[],
    answers: [] as (typeof outcomeAnswer.$inferInsert)[],
    outcomes: [] as (typeof caseOutcome.$inferInsert)[],
    serviceReviews: [] as (typeof serviceReview.$inferInsert)[],
    clocks: [] as { caseId: string; deadline: Date; now: Date }[],
  };
  private readonly activeReviews = new Map<string, number>();
  private serviceReviews = 0;

  constructor(
    private readonly tx: Tx,
    private readonly now: Date,
    private readonly staff: Staff,
    private readonly reviewers: Map<string, Reviewer[]>,
  ) {}

  private at(daysAgo: number): Date {
    return new Date(this.now.getTime() - daysAgo * DAY);
  }

  private async event(
    caseId: string,
    occurredAt: Date,
    type: string,
    actor: { userId: string | null; role: string },
    extra: {
      fromStatus?: CaseStatus | null;
      toStatus?: CaseStatus;
      reason?: string;
      data?: Record<string, unknown>;
      staffOnly?: boolean;
    } = {},
  ): Promise<void> {
    const seq = (this.seqs.get(caseId) ?? 0) + 1;
    this.seqs.set(caseId, seq);
    this.pending.events.push({
      id: uuidv7(),
      caseId,
      seq,
      type,
      actorUserId: actor.userId,
      actorRole: actor.role,
      fromStatus: extra.fromStatus ?? null,
      toStatus: extra.toStatus ?? null,
      reason: extra.reason ?? null,
      staffOnly: extra.staffOnly ?? false,
      data: extra.data ?? {},
      occurredAt,
    });
  }

  /**
   * One case of this person, left in `status`; a withdrawn case stops before its review. Submitted
   * at `submittedAt` when given (a case of a past quarter), else as long ago as its state implies;
   * `story` fixes what it is about (else drawn at random).
   */
  async write(
    person: Person,
    status: CaseStatus,
    forAccount: boolean,
    { submittedAt, story }: { submittedAt?: Date; story?: DemoTopic } = {},
  ): Promise<void> {
    const r = this.random;
    const drawn = r.pick(demoTopics);
    const topic = story ?? drawn;
    const language = person.language;
    const [least, most] = ageDays[status];
    const ageAt = this.at(r.between(least, most));
    submittedAt ??= ageAt;
    const caseManagerId = status === 'submitted' ? null : this.staff.caseManagerByLanguage[language];
    // The furthest step of the path: a withdrawn case left after its first contact or gathering.
    const last: CaseStatus =
      status === 'withdrawn'
        ? r.pick(['contacted', 'gathering_information'] as const)
        : status === 'closed'
          ? 'monitoring'
          : status;
    // About one delivered case in ten was answered by the case manager without a specialist review.
    const reviewed = !(deliveredStates.has(status) && status !== 'monitoring' && r.next() < 0.12);
    // Each step after the one before, never later than now.
    const latest = this.now.getTime() - HOUR;
    const after = (from: Date, low: number, high: number) =>
      new Date(Math.min(from.getTime() + r.between(low, high) * DAY, latest));
    const contactedAt = after(submittedAt, 0.06, 0.8);
    const gatheringAt = after(contactedAt, 0.2, 1);
    const askedAt = after(gatheringAt, 1, 4);
    const completedAt = after(askedAt, 2, 5);
    const deliveredAt = reviewed ? after(completedAt, 1, 3) : after(gatheringAt, 2, 5);
    const closedAt =
      status === 'closed' ? after(deliveredAt, reviewed ? 100 : 10, reviewed ? 230 : 40) : null;
    const withdrawnAt =
      status === 'withdrawn' ? after(last === 'contacted' ? contactedAt : gatheringAt, 0.5, 3) : null;
    const deadline = new Date(submittedAt.getTime() + 24 * HOUR);
    const member = { userId: person.userId, role: 'member' };
    const manager = { userId: caseManagerId, role: 'case_manager' };
    const system = { userId: null, role: 'system' };

    const caseId = uuidv7();
    this.pending.cases.push({
      id: caseId,
      number: nextCaseNumber(submittedAt.getUTCFullYear()),
      status,
      memberId: person.memberId,
      requestedByUserId: person.userId,
      concern: topic.concern[language],
      diagnosisReceived: topic.diagnosis[language],
      questions: [demoQuestion[language]],
      preferredLanguage: language,
      contactChannel: r.pick(['phone', 'video', 'message'] as const),
      timeZone: person.timeZone,
      locationCountry: person.country,
      locationCity: person.city,
      caseManagerUserId: caseManagerId,
      submittedAt,
      firstContactDueAt: deadline,
      firstContactedAt: reached(last, 'contacted') ? contactedAt : null,
      closedAt,
      withdrawnAt,
      createdAt: submittedAt,
      updatedAt: closedAt ?? withdrawnAt ?? this.now,
    });
    await this.event(caseId, submittedAt, 'submitted', member, { toStatus: 'submitted' });
    if (!caseManagerId) {
      await this.event(caseId, submittedAt, 'assignment_pending', system, {
        staffOnly: true,
        reason: 'No case manager with room is on shift before the deadline; operations must assign one.',
      });
    } else {
      await this.event(caseId, new Date(submittedAt.getTime() + 60_000), 'assign', system, {
        fromStatus: 'submitted',
        toStatus: 'assigned',
        data: { caseManagerUserId: caseManagerId, interpreterNeeded: false },
      });
    }
    if (status === 'submitted' || status === 'assigned') {
      this.pending.clocks.push({ caseId, deadline, now: submittedAt });
    }
    if (reached(last, 'contacted')) {
      this.pending.contacts.push({
        id: uuidv7(),
        caseId,
        caseManagerUserId: caseManagerId!,
        channel: 'phone',
        outcome: 'reached',
        contactedAt,
        createdAt: contactedAt,
      });
      await this.event(caseId, contactedAt, 'record_first_contact', manager, {
        fromStatus: 'assigned',
        toStatus: 'contacted',
      });
    }
    if (reached(last, 'gathering_information')) {
      await this.event(caseId, gatheringAt, 'start_gathering', manager, {
        fromStatus: 'contacted',
        toStatus: 'gathering_information',
      });
    }
    if (reviewed && reached(last, 'under_review')) {
      await this.writeReview(caseId, topic, last, askedAt, completedAt, manager, forAccount, language);
    }
    if (reached(last, 'recommendations_delivered')) {
      this.pending.recommendations.push({
        caseId,
        language,
        body: demoRecommendations[language],
        nextSteps: [],
        writtenByUserId: caseManagerId!,
        updatedAt: deliveredAt,
        deliveredAt,
        acknowledgedAt: new Date(Math.min(deliveredAt.getTime() + r.between(2, 48) * HOUR, latest)),
        acknowledgedByUserId: person.userId,
        // The demo's cases without a review were answered by their case manager, as recorded.
        withoutReviewReason: reviewed ? null : 'answered_by_case_manager',
      });
      await this.event(caseId, deliveredAt, 'deliver_recommendations', manager, {
        fromStatus: reviewed ? 'opinion_ready' : 'gathering_information',
        toStatus: 'recommendations_delivered',
        ...(!reviewed && {
          reason: 'answered_by_case_manager',
          data: { withoutReviewReason: 'answered_by_case_manager' },
        }),
      });
      if (reviewed) await this.writeCheckIns(caseId, person, status, deliveredAt, closedAt, caseManagerId!);
      await this.writeServiceReview(caseId, person, deliveredAt);
    }
    if (closedAt) {
      await this.event(caseId, closedAt, 'close', manager, {
        fromStatus: reviewed ? 'monitoring' : 'recommendations_delivered',
        toStatus: 'closed',
        reason: 'Monitoring finished; the member is well looked after locally.',
      });
    }
    if (withdrawnAt) {
      await this.event(caseId, withdrawnAt, 'withdraw', member, {
        fromStatus: last,
        toStatus: 'withdrawn',
        reason: 'Decided to stay with the current treatment.',
      });
    }
    if (caseManagerId && status !== 'closed' && status !== 'withdrawn') {
      this.openCases.set(caseManagerId, (this.openCases.get(caseManagerId) ?? 0) + 1);
    }
  }

  /**
   * The specialist review: one specialist, or a panel of two for about one case in five (which
   * may disagree). A case still under review has its offer accepted and the opinion to come (on
   * the demo specialist's desk for a demo account's case).
   */
  private async writeReview(
    caseId: string,
    topic: DemoTopic,
    last: CaseStatus,
    askedAt: Date,
    completedAt: Date,
    manager: { userId: string | null; role: string },
    forAccount: boolean,
    language: DemoLanguage,
  ): Promise<{ diagnosis: DiagnosisVerdict; treatment: TreatmentVerdict } | null> {
    const r = this.random;
    const pool = this.reviewers.get(topic.specialty) ?? [];
    const inReview = last === 'under_review';
    const deskCase = inReview && forAccount && this.staff.desk;
    const panelSize = !deskCase && r.next() < 0.2 ? 2 : 1;
    const panel: Reviewer[] = deskCase ? [this.staff.desk!] : pool.slice(0, panelSize);
    if (panel.length === 0) return null;
    const reviewId = uuidv7();
    this.pending.reviews.push({
      id: reviewId,
      caseId,
      requestedByUserId: manager.userId!,
      summary: `${topic.diagnosis.en}: second look at the proposed treatment.`,
      questions: ['Is the proposed treatment the right one, and is there an alternative?'],
      documentIds: [],
      panelSize: panel.length,
      offerWindowMinutes: 12 * 60,
      dueWithinMinutes: 48 * 60,
      reminderBeforeMinutes: 12 * 60,
      candidateIds: [],
      offerNextOnDecline: false,
      status: inReview ? 'open' : 'complete',
      createdAt: askedAt,
      updatedAt: inReview ? askedAt : completedAt,
      completedAt: inReview ? null : completedAt,
    });
    // A complete review comes with the case manager's summary for the member, in their language.
    if (!inReview)
      this.pending.summaries.push({
        reviewId,
        caseId,
        language,
        body: demoSummaries[language],
        writtenByUserId: manager.userId!,
        writtenAt: completedAt,
      });
    await this.event(caseId, askedAt, 'request_review', manager, {
      fromStatus: 'gathering_information',
      toStatus: 'under_review',
      data: { reviewId },
    });
    const first = { diagnosis: r.weighted(diagnosisMix), treatment: r.weighted(treatmentMix) };
    // The second of a panel agrees half the time.
    const second =
      r.next() < 0.5 ? first : { diagnosis: r.weighted(diagnosisMix), treatment: r.weighted(treatmentMix) };
    const opinions = [first, second];
    for (const [i, reviewer] of panel.entries()) {
      const offerId = uuidv7();
      const respondedAt = new Date(askedAt.getTime() + r.between(1, 10) * HOUR);
      const dueAt = new Date(respondedAt.getTime() + 48 * HOUR);
      this.pending.offers.push({
        id: offerId,
        reviewId,
        caseId,
        specialistId: reviewer.specialistId,
        status: inReview ? 'accepted' : 'submitted',
        offeredAt: askedAt,
        expiresAt: new Date(askedAt.getTime() + 12 * HOUR),
        respondedAt,
        dueAt: inReview ? new Date(this.now.getTime() + 36 * HOUR) : dueAt,
        submittedAt: inReview ? null : completedAt,
      });
      if (inReview) {
        this.activeReviews.set(
          reviewer.specialistId,
          (this.activeReviews.get(reviewer.specialistId) ?? 0) + 1,
        );
        continue;
      }
      const verdict = opinions[i]!;
      const body = { caseId, offerId, verdict };
      this.pending.opinions.push({
        id: uuidv7(),
        offerId,
        reviewId,
        caseId,
        specialistId: reviewer.specialistId,
        version: 1,
        diagnosisVerdict: verdict.diagnosis,
        proposedDiagnosisCode: verdict.diagnosis === 'confirmed' ? null : topic.proposedCode,
        treatmentVerdict: verdict.treatment,
        furtherTests: [],
        answers: ['The proposed treatment is reasonable; see the narrative for the alternatives.'],
        narrative: 'Records reviewed in full. The findings support the opinion given above.',
        references: [],
        contentHash: createHash('sha256').update(JSON.stringify(body)).digest('hex'),
        submittedByUserId: reviewer.userId,
        submittedAt: completedAt,
      });
      await this.event(
        caseId,
        completedAt,
        'review_opinion_submitted',
        { userId: reviewer.userId, role: 'specialist' },
        {
          data: { reviewId, offerId, version: 1 },
        },
      );
    }
    if (inReview) return null;
    await this.event(
      caseId,
      completedAt,
      'complete_review',
      { userId: null, role: 'system' },
      {
        fromStatus: 'under_review',
        toStatus: 'opinion_ready',
      },
    );
    const used = opinions.slice(0, panel.length);
    const agree = used.every((o) => o.diagnosis === first.diagnosis && o.treatment === first.treatment);
    if (agree) return first;
    // A panel that disagreed: reconciled by the case manager once the case moved on; a case whose
    // opinion is just ready waits for them.
    if (last === 'opinion_ready') return null;
    const decided = r.pick(used);
    this.pending.outcomes.push({
      caseId,
      diagnosisVerdict: decided.diagnosis,
      treatmentVerdict: decided.treatment,
      note: 'Discussed with both specialists; this opinion fits the records best.',
      decidedByUserId: manager.userId!,
      decidedAt: new Date(completedAt.getTime() + 6 * HOUR),
    });
    return decided;
  }

  /**
   * The outcome check-ins at 3 and 6 months after delivery (planned on delivery of a reviewed
   * case), answered when past (by the member, or by the case manager from a call), cancelled when
   * the case closed before them.
   */
  private async writeCheckIns(
    caseId: string,
    person: Person,
    status: CaseStatus,
    deliveredAt: Date,
    closedAt: Date | null,
    caseManagerId: string,
  ): Promise<void> {
    const r = this.random;
    await this.event(
      caseId,
      deliveredAt,
      'follow_ups_planned',
      { userId: null, role: 'system' },
      { data: { count: 2 } },
    );
    if (status !== 'recommendations_delivered') {
      await this.event(
        caseId,
        new Date(deliveredAt.getTime() + HOUR),
        'start_monitoring',
        { userId: caseManagerId, role: 'case_manager' },
        {
          fromStatus: 'recommendations_delivered',
          toStatus: 'monitoring',
        },
      );
    }
    const until = (closedAt ?? this.now).getTime();
    for (const months of [3, 6]) {
      const dueAt = new Date(deliveredAt.getTime() + months * 30.4 * DAY);
      const id = uuidv7();
      const reportedAt = new Date(dueAt.getTime() + r.between(0, 5) * DAY);
      const answered = reportedAt.getTime() < until && r.next() < 0.85;
      const past = dueAt.getTime() < this.now.getTime();
      this.pending.followUps.push({
        id,
        caseId,
        dueAt,
        status: answered ? 'completed' : closedAt ? 'cancelled' : 'scheduled',
        reportedAt: answered ? reportedAt : null,
        remindedAt: past && dueAt.getTime() < until ? dueAt : null,
        createdByUserId: caseManagerId,
        createdAt: deliveredAt,
      });
      if (!answered) continue;
      const byCall = r.next() < 0.3;
      const action = r.weighted(actionMix);
      const actor = byCall
        ? { userId: caseManagerId, role: 'case_manager' }
        : { userId: person.userId, role: 'member' };
      this.pending.answers.push({
        id: uuidv7(),
        caseId,
        followUpId: id,
        source: byCall ? 'case_manager_call' : 'member_check_in',
        action,
        treatmentReceived: action === 'undecided' ? null : treatmentsHad[person.language],
        wellbeing: r.weighted(wellbeingMix),
        note: action === 'other' ? 'Chose a treatment closer to home.' : null,
        recordedByUserId: actor.userId,
        recordedAt: reportedAt,
      });
      await this.event(caseId, reportedAt, 'progress_reported', actor);
    }
  }

  /** About two members in three rate the service: published, waiting for the moderator, or withheld. */
  private async writeServiceReview(caseId: string, person: Person, deliveredAt: Date): Promise<void> {
    const r = this.random;
    if (r.next() > 0.65) return;
    const inTheirLanguage = demoServiceReviews.filter((entry) => entry.language === person.language);
    const choices = inTheirLanguage.length > 0 ? inTheirLanguage : demoServiceReviews;
    const words = choices[this.serviceReviews % choices.length]!;
    this.serviceReviews += 1;
    const writtenAt = new Date(deliveredAt.getTime() + r.between(1, 10) * DAY);
    if (writtenAt.getTime() > this.now.getTime()) return;
    const state = r.weighted([
      ['published', 70],
      ['pending', 20],
      ['withheld', 10],
    ] as const);
    const decidedAt = state === 'pending' ? null : new Date(writtenAt.getTime() + 6 * HOUR);
    this.pending.serviceReviews.push({
      id: uuidv7(),
      caseId,
      memberId: person.memberId,
      authorUserId: person.userId,
      stars: words.stars,
      title: words.title,
      text: words.text,
      language: words.language,
      status: state,
      withheldReason: state === 'withheld' ? 'not_about_service' : null,
      decidedByUserId: decidedAt ? this.staff.moderatorId : null,
      decidedAt,
      publishedAt: state === 'published' ? decidedAt : null,
      replyText:
        state === 'published' && words.stars <= 3 ? 'Thank you: we have shared this with the team.' : null,
      replyByUserId: state === 'published' && words.stars <= 3 ? this.staff.opsId : null,
      replyAt: state === 'published' && words.stars <= 3 ? decidedAt : null,
      createdAt: writtenAt,
      updatedAt: decidedAt ?? writtenAt,
    });
  }

  /**
   * Writes the rows, parents first, then the 24-hour clocks of the cases not contacted yet, the
   * case managers' loads and the specialists' places, as the cases left them.
   */
  async finish(): Promise<void> {
    const { tx, pending } = this;
    const insert = async <T extends PgTable>(table: T, rows: PgInsertValue<T>[]) => {
      for (let start = 0; start < rows.length; start += 500)
        await tx.insert(table).values(rows.slice(start, start + 500));
    };
    await insert(opinionCase, pending.cases);
    await insert(caseEvent, pending.events);
    await insert(caseContact, pending.contacts);
    await insert(review, pending.reviews);
    await insert(reviewOffer, pending.offers);
    await insert(reviewOpinion, pending.opinions);
    await insert(reviewSummary, pending.summaries);
    await insert(caseRecommendation, pending.recommendations);
    await insert(followUp, pending.followUps);
    await insert(outcomeAnswer, pending.answers);
    await insert(caseOutcome, pending.outcomes);
    await insert(serviceReview, pending.serviceReviews);
    for (const clock of pending.clocks) {
      await scheduleFirstContactClocks(tx, {
        ...clock,
        settings: { warningBeforeMs: 6 * HOUR, escalationBeforeMs: 2 * HOUR },
      });
    }
    for (const [userId, open] of this.openCases) {
      await this.tx
        .insert(caseManagerLoad)
        .values({ userId, openCases: open })
        .onConflictDoUpdate({
          target: caseManagerLoad.userId,
          set: { openCases: sql`${caseManagerLoad.openCases} + ${open}` },
        });
    }
    for (const [specialistId, active] of this.activeReviews) {
      await this.tx
        .update(specialist)
        .set({ activeReviews: sql`${specialist.activeReviews} + ${active}` })
        .where(eq(specialist.id, specialistId));
    }
  }
}
