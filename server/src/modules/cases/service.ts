import type { Logger } from 'pino';
import { appendAudit } from '../../platform/audit/ledger.js';
import { addWorkingDays, shanghaiDate } from '../../platform/calendar/working-days.js';
import { maskIdNumber, maskName } from '../../platform/crypto/mask.js';
import type { Db } from '../../platform/db/database.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { type Trx, withTransaction } from '../../platform/db/transaction.js';
import type { RequestContext } from '../../platform/http/context.js';
import { DomainError } from '../../platform/http/errors.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import type { Keyring } from '../../platform/keys/keyring.js';
import type { Notifier } from '../../platform/notify/notifier.js';
import type { FileService } from '../../platform/storage/file-service.js';
import type { Workflow } from '../../shared/cases/workflow.js';
import { validateIdCard } from '../../shared/validation/id-card.js';
import type { ItemGuide } from '../catalog/guide-schema.js';
import type { CatalogServices } from '../catalog/service.js';
import { fieldErrors } from '../catalog/support.js';
import type { CitizenService } from '../identity/persons/service.js';
import { actingWho, eligibleStaff, whoAre } from './access.js';
import { checkApplication, type FileFacts, runInstantRules } from './application.js';
import { BundleDispatch } from './bundles.js';
import { caseNumberPrefix, nextCaseNumber } from './case-number.js';
import type { ActionType, CaseAction, MaterialRef } from './domain/actions.js';
import { genesisHash, verifyChain } from './domain/chain.js';
import { applyAction, type CaseState, foldCase, IllegalTransition } from './domain/fold.js';
import { type CaseLocation, checkAction, eligible, type Who } from './domain/rules.js';
import { noticeFor } from './notices.js';
import { availableNotices, type NoticeKind, renderNotice } from './notices.pdf.js';
import { parsePayload } from './payloads.js';
import type {
  ActRequest,
  CaseView,
  RegisterAtWindowRequest,
  SaveDraftRequest,
  SubmitBundleRequest,
  SubmitCaseRequest,
} from './schema.js';
import {
  type ActingAs,
  appendAction,
  type Limits,
  loadHistory,
  projection,
  type StoredAction,
  saveProjection,
  taskRows,
} from './store.js';
import { caseView } from './views.js';
import type { WorkflowService, WorkflowVersion } from './workflows.js';
import './errors.js';

export interface CaseDeps {
  db: Db;
  keyring: Keyring;
  jobs: JobQueue;
  notifier: Notifier;
  log: Logger;
  catalog: CatalogServices;
  citizens: CitizenService;
  files: FileService;
  workflows: WorkflowService;
  /** Share of the time limit after which a case is near due (临期), CASE_NEAR_DUE_RATIO. */
  nearDueRatio: number;
  /** Supplement period when the request names none (working days). */
  supplementDays: number;
  /** The portal's address, for the progress QR code on notices. */
  publicUrl: string;
}

/** A case read for an action: its row, workflow, history and folded state. */
export interface LoadedCase {
  row: NonNullable<Awaited<ReturnType<typeof caseRow>>>;
  workflow: WorkflowVersion;
  history: StoredAction[];
  state: CaseState;
  location: CaseLocation;
  guide: ItemGuide;
}

function caseRow(conn: Db | Trx, id: string, lock: boolean) {
  const query = conn
    .selectFrom('cases')
    .innerJoin('departments as d', 'd.id', 'cases.department_id')
    .innerJoin('catalog_item_versions as v', 'v.id', 'cases.item_version_id')
    .selectAll('cases')
    .select([
      'd.name as department_name',
      'd.code as department_code',
      'v.guide',
      'v.number as item_version_number',
    ])
    .where('cases.id', '=', id);
  return (lock ? query.forUpdate('cases') : query).executeTakeFirst();
}

const SUPPLEMENT_JOB = 'cases.supplementDeadline';
const SUSPENSION_JOB = 'cases.suspensionLimit';

/** The first instant after a Shanghai date has ended (deadlines run to the end of their day). */
function endOfDay(date: string): Date {
  return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000);
}

/**
 * 办件 — applying, and every action on a case after that. Each change runs in one transaction under a row
 * lock on the case: the history is read and folded, the rules decide whether this person may take this
 * action now, the action is appended to the hash chain, and the projection, tasks, timers, notices and
 * audit record are written with it — or, on any refusal, nothing is.
 */
export class CaseService {
  constructor(private readonly deps: CaseDeps) {
    this.db = deps.db;
    deps.jobs.register(SUPPLEMENT_JOB, (payload) => this.supplementDeadline(payload as TimerPayload));
    deps.jobs.register(SUSPENSION_JOB, (payload) => this.suspensionLimit(payload as TimerPayload));
  }

  readonly db: Db;

  /** 一件事: bundle applications and the dispatch of their members. */
  readonly bundles = new BundleDispatch(this);

  /** The service's clock; tests and simulations move it (deadlines compare Shanghai dates of it). */
  readonly clock: { now: () => Date } = { now: () => new Date() };

  private now(): Date {
    return this.clock.now();
  }

  /** cases.submitCase: a new application, or a draft, submitted. */
  async submit(ctx: RequestContext, input: SubmitCaseRequest): Promise<string> {
    const materials = refs(input.materials);
    if (input.draftId) {
      // the request carries the whole application: it replaces what the draft held
      return this.transition(ctx, input.draftId, 'submit', async (loaded, _who, trx) => {
        const merged = {
          answers: input.situationAnswers ?? loaded.state.answers,
          formData: input.formData,
          materials: input.materials ? materials : loaded.state.materials,
        };
        await this.checkOrRefuse(ctx, loaded.guide, merged, '', trx);
        return {
          formData: input.formData,
          answers: input.situationAnswers,
          materials: input.materials ? materials : undefined,
        };
      });
    }
    const applicant = await this.applicant(ctx);
    const item = await this.liveItem(input.itemId ?? input.itemCode);
    const application = { answers: input.situationAnswers ?? {}, formData: input.formData, materials };
    await this.checkOrRefuse(ctx, item.guide, application);
    return withTransaction(this.deps.db, async (trx) => {
      const id = await this.open(trx, ctx, item, applicant, application);
      await this.actInTrx(trx, ctx, id, 'submit', async () => ({}));
      return id;
    });
  }

  /**
   * cases.registerAtWindow (窗口收件): a clerk registers a walk-in applicant's case, identified by ID number
   * (linked to their account if they have one), with the paper materials scanned; `acceptNow` accepts it on
   * the spot (当场受理) in the same transaction.
   */
  async registerAtWindow(ctx: RequestContext, input: RegisterAtWindowRequest): Promise<string> {
    const id = validateIdCard(input.applicant.idNumber);
    if (!id.ok)
      throw new DomainError('VALIDATION_FAILED', {}, 'ID number', [
        { field: 'body.applicant.idNumber', message: '身份证号码不正确' },
      ]);
    const item = await this.liveItem(input.itemId ?? input.itemCode);
    const materials = refs(input.materials);
    const application = { answers: input.situationAnswers ?? {}, formData: input.formData, materials };
    await this.checkOrRefuse(ctx, item.guide, application);
    const applicant: Applicant = {
      userId: await this.deps.citizens.userIdByIdNumber(id.normalised),
      name: input.applicant.name.trim(),
      idNumber: id.normalised,
      phone: input.applicant.phone ?? null,
    };
    return withTransaction(this.deps.db, async (trx) => {
      const caseId = await this.open(trx, ctx, item, applicant, application, 'window');
      await this.actInTrx(trx, ctx, caseId, 'submit', async () => ({}));
      if (input.acceptNow)
        await this.actInTrx(trx, ctx, caseId, 'accept', async () => ({ comment: '当场受理' }));
      return caseId;
    });
  }

  /**
   * cases.submitBundle (一件事): one application for a bundle — the shared form mapped onto each member's
   * form (plus each member's own answers, fields and materials), every member checked first (all or
   * nothing), member cases created in dispatch order and the first submitted; each next one is submitted
   * when the one before it is approved.
   */
  async submitBundle(ctx: RequestContext, input: SubmitBundleRequest): Promise<string> {
    const applicant = await this.applicant(ctx);
    const bundle = await this.deps.catalog.bundles.getPublic(input.bundleId);
    const members: {
      position: number;
      item: Awaited<ReturnType<CaseService['liveItem']>>;
      application: {
        answers: Record<string, unknown>;
        formData: Record<string, unknown>;
        materials: MaterialRef[];
      };
    }[] = [];
    for (const member of [...bundle.members].sort((a, b) => a.position - b.position)) {
      const own = input.members?.find((m) => m.itemId === member.itemId);
      const mapped = Object.fromEntries(
        Object.entries(member.fieldMap)
          .filter(([shared]) => input.formData[shared] !== undefined)
          .map(([shared, field]) => [field, input.formData[shared]]),
      );
      const item = await this.liveItem(member.itemId);
      const application = {
        answers: own?.situationAnswers ?? {},
        formData: { ...mapped, ...(own?.formData ?? {}) },
        materials: refs(own?.materials),
      };
      await this.checkOrRefuse(ctx, item.guide, application, `members.${member.itemId}.`);
      members.push({ position: member.position, item, application });
    }
    return withTransaction(this.deps.db, async (trx) => {
      const parentId = uuidv7();
      await trx
        .insertInto('case_bundle_applications')
        .values({
          id: parentId,
          bundle_id: bundle.id,
          bundle_name: bundle.name,
          applicant_user_id: applicant.userId!,
        })
        .execute();
      const ids: string[] = [];
      for (const m of members)
        ids.push(
          await this.open(trx, ctx, m.item, applicant, m.application, 'online', {
            parentId,
            bundleId: bundle.id,
            position: m.position,
          }),
        );
      await this.actInTrx(trx, ctx, ids[0]!, 'submit', async () => ({}));
      await appendAudit(trx, ctx, {
        action: 'cases.submitBundle',
        target: { type: 'case_bundle_application', id: parentId },
        details: { bundleId: bundle.id, members: ids },
      });
      return parentId;
    });
  }

  /** cases.saveDraft: creates a draft or saves more of one (only the shape and the files are checked). */
  async saveDraft(ctx: RequestContext, input: SaveDraftRequest): Promise<string> {
    const materials = input.materials ? refs(input.materials) : undefined;
    await this.requireOwnFiles(ctx, materials ?? []);
    if (input.draftId)
      return this.transition(ctx, input.draftId, 'saveDraft', async () => ({
        formData: input.formData,
        answers: input.situationAnswers,
        materials,
      }));
    const applicant = await this.applicant(ctx);
    const item = await this.liveItem(input.itemId ?? input.itemCode);
    return withTransaction(this.deps.db, async (trx) => {
      const id = await this.open(trx, ctx, item, applicant, {
        answers: input.situationAnswers ?? {},
        formData: input.formData ?? {},
        materials: materials ?? [],
      });
      await appendAudit(trx, ctx, {
        action: 'cases.create',
        target: { type: 'case', id },
        details: { itemId: item.item.id },
      });
      return id;
    });
  }

  /** cases.act: one action on a case by the caller. */
  async act(ctx: RequestContext, caseId: string, request: ActRequest): Promise<string> {
    const payload = parsePayload(request.action, request.payload);
    return this.transition(
      ctx,
      caseId,
      request.action,
      (loaded, who, trx) => this.completePayload(trx, loaded, who, request.action, payload, request.comment),
      request.expectedSeq,
    );
  }

  /** Loads a case (optionally locked) with everything the rules and views need. */
  async load(conn: Db | Trx, caseId: string, lock = false): Promise<LoadedCase> {
    const row = await caseRow(conn, caseId, lock);
    if (!row) throw new DomainError('CASE_NOT_FOUND');
    const workflow = await this.deps.workflows.byId(conn, row.workflow_id);
    const history = await loadHistory(conn, this.deps.keyring, caseId);
    const state = foldCase(
      history.map((h) => h.action),
      workflow.definition,
    );
    return {
      row,
      workflow,
      history,
      state,
      location: {
        departmentPath: row.department_path,
        regionCode: row.region_code,
        applicantUserId: row.applicant_user_id,
        channel: row.channel,
      },
      guide: row.guide,
    };
  }

  /** cases.getCase: the case as the caller may see it, with the actions open to them now. */
  async view(ctx: RequestContext, caseId: string): Promise<CaseView> {
    const { db, keyring, files } = this.deps;
    const loaded = await this.load(db, caseId);
    const who = await actingWho(db, ctx.actor!);
    if (!this.mayRead(loaded, who)) throw new DomainError('CASE_NOT_FOUND');
    return caseView(loaded, who, { db, keyring, files }, shanghaiDate(this.now()));
  }

  /** A material of a case, for whoever may read the case (the file store verifies its integrity). */
  async material(ctx: RequestContext, caseId: string, fileId: string) {
    const { db, files } = this.deps;
    const loaded = await this.load(db, caseId);
    const who = await actingWho(db, ctx.actor!);
    if (!this.mayRead(loaded, who)) throw new DomainError('CASE_NOT_FOUND');
    if (!loaded.state.materials.some((m) => m.fileId === fileId)) throw new DomainError('FILE_NOT_FOUND');
    const file = await files.get(fileId);
    if (!file) throw new DomainError('FILE_NOT_FOUND');
    return { file, bytes: await files.read(fileId) };
  }

  /** A notice (文书) of the case as PDF, for whoever may read the case; 404 before the case reached it. */
  async notice(
    ctx: RequestContext,
    caseId: string,
    kind: NoticeKind,
  ): Promise<{ name: string; bytes: Uint8Array }> {
    const { db, keyring } = this.deps;
    const loaded = await this.load(db, caseId);
    const who = await actingWho(db, ctx.actor!);
    if (!this.mayRead(loaded, who) || !availableNotices(loaded).includes(kind))
      throw new DomainError('CASE_NOT_FOUND');
    const name = await keyring.decrypt(loaded.row.applicant_name_enc, 'cases.applicant_name');
    const idNumber = loaded.row.applicant_id_enc
      ? maskIdNumber(await keyring.decrypt(loaded.row.applicant_id_enc, 'cases.applicant_id'))
      : null;
    const bytes = await renderNotice(kind, loaded, { name, idNumberMasked: idNumber }, this.deps.publicUrl);
    return { name: `${loaded.row.number ?? caseId}-${kind}.pdf`, bytes };
  }

  /** Staff who may act at the case's current step or the next one (for 转办, 委派, 加签 and naming holders). */
  async candidates(ctx: RequestContext, caseId: string, which: 'current' | 'next') {
    const { db } = this.deps;
    const loaded = await this.load(db, caseId);
    const who = await actingWho(db, ctx.actor!);
    if (who.kind !== 'staff' || !this.mayRead(loaded, who)) throw new DomainError('CASE_NOT_FOUND');
    const step = loaded.workflow.definition.steps[loaded.state.step.index + (which === 'next' ? 1 : 0)];
    return step ? eligibleStaff(db, step, loaded.location) : [];
  }

  /** Re-hashes a case's history: null when intact, else the first action that does not match. */
  async verifyHistory(ctx: RequestContext, caseId: string) {
    const { db } = this.deps;
    const loaded = await this.load(db, caseId);
    const who = await actingWho(db, ctx.actor!);
    if (who.kind !== 'staff' || !this.mayRead(loaded, who)) throw new DomainError('CASE_NOT_FOUND');
    const broken = verifyChain(caseId, loaded.history);
    return { intact: broken === null, actions: loaded.history.length, broken };
  }

  // —— the transition ————————————————————————————————————————————————————————————————————————————

  private transition(
    ctx: RequestContext,
    caseId: string,
    type: ActionType,
    payloadOf: PayloadOf,
    expectedSeq?: number,
  ): Promise<string> {
    return withTransaction(this.deps.db, (trx) =>
      this.actInTrx(trx, ctx, caseId, type, payloadOf, expectedSeq),
    );
  }

  /**
   * One action inside the caller's transaction. The rules decide first (who may take `type` now); only then
   * is the payload worked out (`payloadOf`: checks against the case, deadlines, eligible people).
   */
  async actInTrx(
    trx: Trx,
    ctx: RequestContext,
    caseId: string,
    type: ActionType,
    payloadOf: PayloadOf,
    expectedSeq?: number,
  ): Promise<string> {
    const loaded = await this.load(trx, caseId, true);
    const who = await actingWho(trx, ctx.actor!);
    if (!this.mayRead(loaded, who)) throw new DomainError('CASE_NOT_FOUND');
    if (expectedSeq !== undefined && expectedSeq !== loaded.state.seq) throw new DomainError('CASE_STALE');
    const verdict = checkAction(loaded.state, loaded.workflow.definition, loaded.location, who, type);
    if (verdict) throw new DomainError(verdict, { action: type, status: loaded.state.status });
    const payload = await payloadOf(loaded, who, trx);
    const action = {
      seq: loaded.state.seq + 1,
      type,
      actorId: who.userId,
      at: this.now().toISOString(),
      payload,
    } as CaseAction;
    let next: CaseState;
    try {
      next = applyAction(loaded.state, action, loaded.workflow.definition);
    } catch (error) {
      if (error instanceof IllegalTransition)
        throw new DomainError('CASE_ILLEGAL_TRANSITION', { action: type });
      throw error;
    }
    const as = this.actingAs(who, loaded.workflow.definition, loaded.state, loaded.location);
    const hash = await appendAction(trx, this.deps.keyring, caseId, loaded.row.last_hash, action, as);
    let number = loaded.row.number;
    if (type === 'submit' && !number) number = await this.assignNumber(trx, loaded);
    await saveProjection(
      trx,
      caseId,
      hash,
      { ...projection(next, loaded.workflow.definition, this.limits(loaded.guide), this.now()), number },
      taskRows(caseId, next, loaded.workflow.definition, loaded.location),
    );
    if (action.type === 'cc') await this.copy(trx, caseId, who.userId, action.payload.users);
    await this.followUps(trx, ctx, { ...loaded, row: { ...loaded.row, number } }, action, next);
    await appendAudit(trx, ctx, {
      action: `cases.${type}`,
      target: { type: 'case', id: caseId },
      details: { number, seq: action.seq, from: loaded.state.status, to: next.status, step: next.step.index },
    });
    // 秒批: right after submission the rule set decides, and may approve at once
    if (type === 'submit') await this.instantReview(trx, loaded, next, caseId);
    if (loaded.row.parent_id && next.status !== loaded.state.status)
      await this.bundles.memberMoved(trx, loaded.row.parent_id, loaded.row.bundle_position ?? 0, next.status);
    return caseId;
  }

  /** The role an action was taken in (the first of the actor's roles the step names) and the department. */
  private actingAs(
    who: Who & { name?: string; departmentId?: string | null },
    workflow: Workflow,
    state: CaseState,
    at: CaseLocation,
  ): ActingAs {
    const step = workflow.steps[state.step.index];
    const role =
      step && eligible(who, step, at) ? (step.roles.find((r) => who.roles.includes(r)) ?? null) : null;
    return { name: who.name ?? who.userId, role, departmentId: who.departmentId ?? null };
  }

  /** Applicants read their own cases; staff read the cases they may act on, have acted on or were copied on. */
  mayRead(loaded: LoadedCase, who: Who): boolean {
    if (who.kind === 'system') return true;
    if (who.kind === 'applicant') return loaded.location.applicantUserId === who.userId;
    const { state, workflow, location } = loaded;
    return (
      state.actors.includes(who.userId) ||
      state.cc.includes(who.userId) ||
      loaded.row.created_by === who.userId ||
      workflow.definition.steps.some((step) => eligible(who, step, location))
    );
  }

  // —— opening a case ————————————————————————————————————————————————————————————————————————————

  private async applicant(ctx: RequestContext): Promise<Applicant> {
    const identity = ctx.actor ? await this.deps.citizens.identityOf(ctx.actor.userId) : null;
    if (!identity) throw new DomainError('CASE_APPLICANT_REQUIRED');
    return { userId: ctx.actor!.userId, ...identity };
  }

  private async liveItem(idOrCode: string | undefined) {
    if (!idOrCode)
      throw new DomainError('VALIDATION_FAILED', {}, 'itemId or itemCode', [
        { field: 'body.itemId', message: '请指定申请的事项（itemId 或 itemCode）' },
      ]);
    const { item, version } = await this.deps.catalog.guides.live(idOrCode);
    if (version.status !== 'published') throw new DomainError('CASE_ITEM_NOT_ACCEPTING');
    return { item, version, guide: version.guide };
  }

  private async checkOrRefuse(
    ctx: RequestContext,
    guide: ItemGuide,
    application: {
      answers: Record<string, unknown>;
      formData: Record<string, unknown>;
      materials: MaterialRef[];
    },
    /** Put before each problem's path, e.g. `members.<itemId>.` for a member of a 一件事. */
    prefix = '',
    /** The caller's open transaction, if any (PGlite has one connection: reads must go through it). */
    conn: Db | Trx = this.deps.db,
  ): Promise<void> {
    const files = await this.fileFacts(
      application.materials.map((m) => m.fileId),
      conn,
    );
    const own = (_: string, file: FileFacts) => file.ownerUserId === ctx.actor!.userId;
    const problems = checkApplication(guide, application, files, own).map((p) => ({
      ...p,
      path: `${prefix}${p.path}`,
    }));
    if (problems.length)
      throw new DomainError(
        'CASE_INCOMPLETE',
        { count: problems.length },
        problems.map((p) => `${p.path}: ${p.message}`).join('; '),
        fieldErrors(problems),
      );
  }

  /** A draft may only hold the caller's own uploads (else it could be used to read someone else's file). */
  private async requireOwnFiles(ctx: RequestContext, materials: readonly MaterialRef[]): Promise<void> {
    const files = await this.fileFacts(materials.map((m) => m.fileId));
    const bad = materials.flatMap((m, i) =>
      files.get(m.fileId)?.ownerUserId === ctx.actor!.userId ? [] : [i],
    );
    if (bad.length)
      throw new DomainError(
        'CASE_INCOMPLETE',
        { count: bad.length },
        undefined,
        bad.map((i) => ({ field: `body.materials.${i}.fileId`, message: '找不到上传的文件' })),
      );
  }

  private async fileFacts(
    ids: readonly string[],
    conn: Db | Trx = this.deps.db,
  ): Promise<Map<string, FileFacts>> {
    return this.deps.files.getMany(ids, conn);
  }

  /** Inserts the case row and its `create` action (a draft). */
  private async open(
    trx: Trx,
    ctx: RequestContext,
    item: Awaited<ReturnType<CaseService['liveItem']>>,
    applicant: Applicant,
    application: {
      answers: Record<string, unknown>;
      formData: Record<string, unknown>;
      materials: MaterialRef[];
    },
    channel: 'online' | 'window' = 'online',
    bundle: { parentId: string; bundleId: string; position: number } | null = null,
  ): Promise<string> {
    const { keyring } = this.deps;
    const workflow = await this.deps.workflows.current(trx, item.item.id);
    const department = await trx
      .selectFrom('departments')
      .select(['path', 'region_code'])
      .where('id', '=', item.item.department_id)
      .executeTakeFirstOrThrow();
    const id = uuidv7();
    const create: CaseAction = {
      seq: 1,
      type: 'create',
      actorId: ctx.actor!.userId,
      at: this.now().toISOString(),
      payload: { channel, ...application },
    };
    const state = foldCase([create], workflow.definition);
    await trx
      .insertInto('cases')
      .values({
        id,
        number: null,
        item_id: item.item.id,
        item_version_id: item.version.id,
        item_code: item.item.code,
        item_name: item.guide.name ?? item.item.basic_name,
        department_id: item.item.department_id,
        department_path: department.path,
        region_code: department.region_code,
        workflow_id: workflow.id,
        parent_id: bundle?.parentId ?? null,
        bundle_id: bundle?.bundleId ?? null,
        bundle_position: bundle?.position ?? null,
        channel,
        applicant_user_id: applicant.userId,
        applicant_kind: 'person',
        applicant_name_masked: maskName(applicant.name),
        applicant_name_enc: keyring.encrypt(applicant.name, 'cases.applicant_name'),
        applicant_name_bidx: keyring.blindIndex(applicant.name, 'text'),
        applicant_id_enc: keyring.encrypt(applicant.idNumber, 'cases.applicant_id'),
        applicant_id_bidx: keyring.blindIndex(applicant.idNumber, 'idNumber'),
        applicant_phone_enc: applicant.phone
          ? keyring.encrypt(applicant.phone, 'cases.applicant_phone')
          : null,
        applicant_phone_bidx: applicant.phone ? keyring.blindIndex(applicant.phone, 'phone') : null,
        created_by: ctx.actor!.userId,
        status: 'draft',
        step_key: workflow.definition.steps[0]!.key,
        step_name: workflow.definition.steps[0]!.name,
        seq: 1,
        last_hash: genesisHash(id),
      })
      .execute();
    const who = await actingWho(trx, ctx.actor!);
    const hash = await appendAction(trx, keyring, id, genesisHash(id), create, {
      name: who.name,
      role: null,
      departmentId: null,
    });
    await saveProjection(
      trx,
      id,
      hash,
      projection(state, workflow.definition, this.limits(item.guide), this.now()),
      [],
    );
    // no audit record here: the audit ledger's lock is held from the append to the commit, so it is
    // appended last — by saveDraft, or by the submit that follows in the same transaction
    return id;
  }

  private async assignNumber(trx: Trx, loaded: LoadedCase): Promise<string> {
    const code = loaded.row.department_code ?? 'X';
    return nextCaseNumber(trx, caseNumberPrefix(loaded.row.region_code, code, shanghaiDate(this.now())));
  }

  private limits(guide: ItemGuide): Limits {
    return {
      committedDays: guide.committedDays ?? null,
      statutoryDays: guide.statutoryDays ?? null,
      nearDueRatio: this.deps.nearDueRatio,
    };
  }

  // —— payloads ——————————————————————————————————————————————————————————————————————————————————

  /** The stored payload of an action: the request's, checked against the case, with dates worked out. */
  private async completePayload(
    trx: Trx,
    loaded: LoadedCase,
    who: Who,
    type: ActionType,
    payload: Record<string, unknown>,
    comment: string | undefined,
  ): Promise<object> {
    const today = shanghaiDate(this.now());
    const withComment = comment ? { ...payload, comment } : payload;
    const workflow = loaded.workflow.definition;
    const requireEligible = async (userIds: readonly string[], stepIndex: number, field: string) => {
      const step = workflow.steps[stepIndex];
      const people = await whoAre(trx, userIds);
      const bad = userIds.filter(
        (id) => !step || !people.has(id) || !eligible(people.get(id)!, step, loaded.location),
      );
      if (bad.length)
        throw new DomainError('CASE_ASSIGNEE_INVALID', { users: bad }, `cannot act at ${step?.key}`, [
          {
            field: `body.payload.${field}`,
            message: `${bad.map((id) => people.get(id)?.name ?? id).join('、')} 不能办理「${step?.name ?? '—'}」环节`,
          },
        ]);
    };
    switch (type) {
      case 'reject':
      case 'terminate':
        return withComment;
      case 'deny':
        if (!comment)
          throw new DomainError('VALIDATION_FAILED', {}, 'deny needs a comment', [
            { field: 'body.comment', message: '不予许可须说明理由' },
          ]);
        return withComment;
      case 'requestSupplement': {
        const days = (payload.deadlineDays as number | undefined) ?? this.deps.supplementDays;
        return { items: payload.items, deadline: addWorkingDays(today, days), comment };
      }
      case 'sendBack': {
        if (payload.toStep !== 'applicant') return withComment;
        if (!payload.items)
          throw new DomainError('VALIDATION_FAILED', {}, 'items', [
            { field: 'body.payload.items', message: '请列出需要申请人补正的内容' },
          ]);
        const days = (payload.deadlineDays as number | undefined) ?? this.deps.supplementDays;
        return {
          toStep: 'applicant',
          items: payload.items,
          deadline: addWorkingDays(today, days),
          comment: comment ?? '',
        };
      }
      case 'supplement': {
        const supplement = loaded.state.supplement;
        if (supplement && today > supplement.deadline) throw new DomainError('CASE_SUPPLEMENT_EXPIRED');
        const materials = refs(payload.materials as { materialId: string; fileId: string }[] | undefined);
        const merged = {
          answers: loaded.state.answers,
          formData: { ...loaded.state.formData, ...((payload.formData as Record<string, unknown>) ?? {}) },
          materials: mergeRefs(loaded.state.materials, materials),
        };
        const files = await this.fileFacts(
          merged.materials.map((m) => m.fileId),
          trx,
        );
        // the case's files were checked when they came; new ones must be the caller's own uploads (the
        // applicant's, or the window clerk's scans for a walk-in applicant)
        const held = new Set(loaded.state.materials.map((m) => m.fileId));
        const problems = checkApplication(
          loaded.guide,
          merged,
          files,
          (fileId, file) => held.has(fileId) || file.ownerUserId === who.userId,
        );
        if (problems.length)
          throw new DomainError(
            'CASE_INCOMPLETE',
            { count: problems.length },
            undefined,
            fieldErrors(problems),
          );
        return { formData: payload.formData, materials, comment };
      }
      case 'accept':
      case 'approve':
        if (payload.assignees)
          await requireEligible(payload.assignees as string[], loaded.state.step.index + 1, 'assignees');
        return withComment;
      case 'transfer':
      case 'delegate':
        await requireEligible([payload.to as string], loaded.state.step.index, 'to');
        return withComment;
      case 'addSigner':
        await requireEligible([payload.user as string], loaded.state.step.index, 'user');
        return withComment;
      case 'cc': {
        const users = await whoAre(trx, payload.users as string[]);
        const bad = (payload.users as string[]).filter((id) => users.get(id)?.kind !== 'staff');
        if (bad.length)
          throw new DomainError('CASE_ASSIGNEE_INVALID', { users: bad }, undefined, [
            { field: 'body.payload.users', message: '只能抄送给工作人员' },
          ]);
        return withComment;
      }
      case 'suspend':
        return {
          procedure: payload.procedure,
          until: addWorkingDays(today, payload.limitDays as number),
          comment,
        };
      case 'comment':
        if (!comment)
          throw new DomainError('VALIDATION_FAILED', {}, 'comment', [
            { field: 'body.comment', message: '请填写批注内容' },
          ]);
        return { text: comment };
      default:
        return withComment;
    }
  }

  // —— after an action ————————————————————————————————————————————————————————————————————————————

  private async copy(trx: Trx, caseId: string, by: string, users: string[]): Promise<void> {
    await trx
      .insertInto('case_copies')
      .values(users.map((user_id) => ({ case_id: caseId, user_id, copied_by: by })))
      .onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing())
      .execute();
  }

  /** Timers and notices an action starts. */
  private async followUps(
    trx: Trx,
    ctx: RequestContext,
    loaded: LoadedCase,
    action: CaseAction,
    next: CaseState,
  ) {
    const { jobs, notifier } = this.deps;
    const caseId = loaded.row.id;
    if (next.status === 'supplementPending' && next.supplement && loaded.state.status !== 'supplementPending')
      await jobs.enqueue(
        trx,
        SUPPLEMENT_JOB,
        { caseId, seq: action.seq },
        { runAt: endOfDay(next.supplement.deadline), uniqueKey: `${SUPPLEMENT_JOB}:${caseId}:${action.seq}` },
      );
    if (action.type === 'suspend' && next.suspension)
      await jobs.enqueue(
        trx,
        SUSPENSION_JOB,
        { caseId, seq: action.seq },
        { runAt: endOfDay(next.suspension.until), uniqueKey: `${SUSPENSION_JOB}:${caseId}:${action.seq}` },
      );
    const notice = noticeFor(action, loaded.row, next);
    if (notice && loaded.row.applicant_user_id)
      await notifier.send(trx, ctx, { channel: 'inApp', recipient: loaded.row.applicant_user_id, ...notice });
    // a task handed to named people tells them
    const before = new Set(loaded.state.step.holders);
    const handedTo = next.step.holders.filter((h) => !before.has(h) && h !== action.actorId);
    for (const userId of handedTo)
      await notifier.send(trx, ctx, {
        channel: 'inApp',
        recipient: userId,
        subject: '新的待办',
        body: `办件 ${loaded.row.number ?? ''}（${loaded.row.item_name}）待您办理。`,
      });
  }

  /** 秒批: runs the item's rule set; passes approve automatically (auto mode), failures go to manual review. */
  private async instantReview(trx: Trx, loaded: LoadedCase, submitted: CaseState, caseId: string) {
    const mode = loaded.guide.mode;
    if (mode?.kind !== 'instant') return;
    const identity = loaded.row.applicant_user_id
      ? await this.deps.citizens.identityOf(loaded.row.applicant_user_id, trx)
      : null;
    const verdict = runInstantRules(mode.rules, {
      form: submitted.formData,
      verified: {},
      applicant: identity ? { assurance: identity.assurance } : {},
    });
    const ctx = systemCtx('instant-approval');
    await this.actInTrx(trx, ctx, caseId, 'instantCheck', async () => verdict);
    if (verdict.passed && mode.autonomy === 'auto')
      await this.actInTrx(trx, ctx, caseId, 'instantApprove', async () => ({
        comment: '秒批规则全部通过，自动准予',
      }));
  }

  /**
   * 补正告知超时作废: voids a case whose supplement deadline (by the service clock) has passed. What the
   * deadline timer does; also for operators' tooling and the demo. False when there is nothing to void.
   */
  async voidExpiredSupplement(caseId: string): Promise<boolean> {
    return withTransaction(this.deps.db, async (trx) => {
      const loaded = await this.load(trx, caseId, true);
      const supplement = loaded.state.supplement;
      if (loaded.state.status !== 'supplementPending' || !supplement) return false;
      if (shanghaiDate(this.now()) <= supplement.deadline) return false;
      await this.actInTrx(trx, systemCtx('case-timer'), caseId, 'void', async () => ({
        comment: '补正期限届满，补正告知超时作废',
      }));
      return true;
    });
  }

  private async supplementDeadline({ caseId, seq }: TimerPayload): Promise<void> {
    await this.onTimer(caseId, seq, 'supplementPending', 'void', {
      comment: '补正期限届满，补正告知超时作废',
    });
  }

  private async suspensionLimit({ caseId, seq }: TimerPayload): Promise<void> {
    await this.onTimer(caseId, seq, 'suspended', 'resume', { comment: '特别程序期限届满，自动恢复办理' });
  }

  /** A timer acts only if the case is still in the state the action that set it left it in. */
  private async onTimer(caseId: string, seq: number, status: string, type: ActionType, payload: object) {
    await withTransaction(this.deps.db, async (trx) => {
      const loaded = await this.load(trx, caseId, true);
      const setBy = loaded.history.filter((h) => h.action.seq >= seq);
      const sameEpisode = setBy.every(
        (h) => h.action.seq === seq || !['supplement', 'resume', 'void'].includes(h.action.type),
      );
      if (loaded.state.status !== status || !sameEpisode) return;
      await this.actInTrx(trx, systemCtx('case-timer'), caseId, type, async () => payload);
    });
  }
}

/** Who applies: their identity, and their account when they have one (walk-ins may not). */
interface Applicant {
  userId: string | null;
  name: string;
  idNumber: string;
  phone: string | null;
}

/** Works out an action's stored payload once the rules allowed it. */
type PayloadOf = (loaded: LoadedCase, who: Who, trx: Trx) => Promise<object>;

interface TimerPayload {
  caseId: string;
  seq: number;
}

function systemCtx(purpose: string): RequestContext {
  return {
    requestId: `system:${purpose}`,
    ip: null,
    locale: 'zh-CN',
    actor: {
      userId: 'system',
      username: 'system',
      displayName: '系统',
      roles: [],
      permissions: new Map(),
      sessionId: null,
    },
  };
}

function refs(materials: { materialId: string; fileId: string }[] | undefined): MaterialRef[] {
  return (materials ?? []).map((m) => ({ materialKey: m.materialId, fileId: m.fileId }));
}

function mergeRefs(base: MaterialRef[], patch: MaterialRef[]): MaterialRef[] {
  const keys = new Set(patch.map((m) => m.materialKey));
  return [...base.filter((m) => !keys.has(m.materialKey)), ...patch];
}
