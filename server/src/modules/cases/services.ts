import type { Platform } from '../../platform/kernel.js';
import type { FileService } from '../../platform/storage/file-service.js';
import type { CatalogServices } from '../catalog/service.js';
import type { CitizenService } from '../identity/persons/service.js';
import { registerClockSweep } from './clock-sweep.js';
import { CaseQueries } from './queries.js';
import { CaseService } from './service.js';
import { WorkflowService } from './workflows.js';

/** 办件: applying and acting (CaseService), the workbench lists (CaseQueries), item workflows. */
export interface CaseServices {
  cases: CaseService;
  queries: CaseQueries;
  workflows: WorkflowService;
}

export function createCaseServices(
  platform: Platform,
  deps: { catalog: CatalogServices; citizens: CitizenService; files: FileService },
): CaseServices {
  const { db, keyring, jobs, notifier, log, config, store } = platform;
  const workflows = new WorkflowService(db);
  registerClockSweep(db, jobs, notifier);
  return {
    cases: new CaseService({
      db,
      keyring,
      jobs,
      notifier,
      log,
      ...deps,
      workflows,
      nearDueRatio: config.caseNearDuePercent / 100,
      supplementDays: config.caseSupplementDays,
      publicUrl: config.publicUrl,
    }),
    queries: new CaseQueries(db, keyring, store),
    workflows,
  };
}
