import type { App } from '../../platform/http/app-type.js';
import { basicItemRoutes } from './basic-routes.js';
import { bundleRoutes } from './bundle-routes.js';
import { importExportRoutes } from './import-routes.js';
import { itemRoutes } from './item-routes.js';
import { publicCatalogRoutes } from './public-routes.js';
import type { CatalogServices } from './service.js';
import { versionRoutes } from './version-routes.js';

/** Every route of the catalogue: public under /api/v1/catalog, the back office under /api/v1/catalog/admin. */
export function catalogRoutes(app: App, services: CatalogServices): void {
  publicCatalogRoutes(app, services);
  basicItemRoutes(app, services);
  itemRoutes(app, services);
  versionRoutes(app, services);
  bundleRoutes(app, services);
  importExportRoutes(app, services);
}
