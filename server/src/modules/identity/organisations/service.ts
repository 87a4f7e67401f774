import type { Platform } from '../../../platform/kernel.js';
import type { ActorCache } from '../actor-cache.js';
import { DepartmentService } from './department-service.js';
import { HallService } from './hall-service.js';
import { PostService } from './post-service.js';
import { StaffService } from './staff-service.js';

/** 组织机构: departments, halls with windows and posts, staff. */
export interface OrganisationServices {
  departments: DepartmentService;
  halls: HallService;
  posts: PostService;
  staff: StaffService;
}

export function createOrganisationServices(
  platform: Pick<Platform, 'db' | 'keyring'>,
  actors: ActorCache,
): OrganisationServices {
  const { db, keyring } = platform;
  return {
    departments: new DepartmentService(db),
    halls: new HallService(db),
    posts: new PostService(db),
    staff: new StaffService(db, keyring, actors),
  };
}
