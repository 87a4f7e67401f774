import type { Db } from '../../platform/db/database.js';
import { BasicItemService } from './basic-service.js';
import { BundleService } from './bundle-service.js';
import { ExportService } from './export-service.js';
import { GuideService } from './guide-service.js';
import { ImportService } from './import-service.js';
import { ItemQueryService } from './item-query-service.js';
import { ItemDraftService } from './item-service.js';
import { PublicationService } from './publication-service.js';
import { SituationService } from './situation-service.js';

/** 事项管理: the basic catalogue, implementation lists and their versions, guides, situations, bundles. */
export interface CatalogServices {
  basics: BasicItemService;
  drafts: ItemDraftService;
  publication: PublicationService;
  queries: ItemQueryService;
  guides: GuideService;
  situations: SituationService;
  bundles: BundleService;
  imports: ImportService;
  exports: ExportService;
}

export function createCatalogServices(db: Db): CatalogServices {
  const basics = new BasicItemService(db);
  const guides = new GuideService(db);
  const drafts = new ItemDraftService(db, basics);
  return {
    basics,
    drafts,
    publication: new PublicationService(db),
    queries: new ItemQueryService(db),
    guides,
    situations: new SituationService(guides),
    bundles: new BundleService(db),
    imports: new ImportService(db, drafts),
    exports: new ExportService(db),
  };
}
