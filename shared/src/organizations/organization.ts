/** Levels of the organisation tree (domain.md §2). Members belong to branches only. */
export const OrgLevel = {
  COUNTY_COMMITTEE: 'COUNTY_COMMITTEE', // 县(市)委
  COMMITTEE: 'COMMITTEE', // 基层党委 / 党工委 (grassroots committee)
  GENERAL_BRANCH: 'GENERAL_BRANCH', // 党总支
  BRANCH: 'BRANCH', // 党支部
} as const;
export type OrgLevel = (typeof OrgLevel)[keyof typeof OrgLevel];
export const ORG_LEVELS = Object.values(OrgLevel);

/** The nine official organisation categories (党组织类别). */
export const OrgType = {
  ORGAN: 'ORGAN', // 党政机关
  INSTITUTION: 'INSTITUTION', // 事业单位
  SOE: 'SOE', // 国有企业
  PRIVATE_ENTERPRISE: 'PRIVATE_ENTERPRISE', // 非公有制企业
  SOCIAL_ORGANIZATION: 'SOCIAL_ORGANIZATION', // 社会组织
  RURAL: 'RURAL', // 农村
  COMMUNITY: 'COMMUNITY', // 街道社区
  SCHOOL: 'SCHOOL', // 学校
  OTHER: 'OTHER', // 其他
} as const;
export type OrgType = (typeof OrgType)[keyof typeof OrgType];
export const ORG_TYPES = Object.values(OrgType);

export const ORG_LEVEL_LABELS_ZH: Record<OrgLevel, string> = {
  COUNTY_COMMITTEE: '县(市)委',
  COMMITTEE: '党委',
  GENERAL_BRANCH: '党总支',
  BRANCH: '党支部',
};

export const ORG_TYPE_LABELS_ZH: Record<OrgType, string> = {
  ORGAN: '党政机关',
  INSTITUTION: '事业单位',
  SOE: '国有企业',
  PRIVATE_ENTERPRISE: '非公有制企业',
  SOCIAL_ORGANIZATION: '社会组织',
  RURAL: '农村',
  COMMUNITY: '街道社区',
  SCHOOL: '学校',
  OTHER: '其他',
};

/** Which levels may hang under which: a branch may sit directly under a committee (domain.md §2). */
export const ORG_CHILD_LEVELS: Record<OrgLevel, OrgLevel[]> = {
  COUNTY_COMMITTEE: ['COMMITTEE', 'GENERAL_BRANCH', 'BRANCH'],
  COMMITTEE: ['COMMITTEE', 'GENERAL_BRANCH', 'BRANCH'],
  GENERAL_BRANCH: ['BRANCH'],
  BRANCH: [],
};

export function canHoldChild(parent: OrgLevel, child: OrgLevel): boolean {
  return ORG_CHILD_LEVELS[parent].includes(child);
}

/** Organisation codes: letters, digits and hyphens, as printed on letters and used in import files. */
export const ORG_CODE_PATTERN = /^[A-Za-z0-9-]{2,32}$/;

/** Materialized path helpers: a path is `/1/23/456/`, the ids from the root down, slash-terminated. */
export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/** A child's path: its parent's, then its own id. */
export function childPath(parentPath: string, id: number): string {
  return `${parentPath}${id}/`;
}

/** The parent's path of an organisation whose path and id are given (the inverse of childPath). */
export function parentPath(path: string, id: number): string {
  return path.slice(0, path.length - childPath('', id).length);
}

export function isInSubtree(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}

/**
 * The first string after every path of a subtree: `path <= p < subtreeEnd(path)` holds exactly for the paths that
 * start with `path` (`/1/23/` → `/1/230`; '/' is followed by '0'). Written as a range, a subtree query can start
 * reading the index at a keyset cursor instead of at the subtree's first row.
 */
export function subtreeEnd(path: string): string {
  return path.slice(0, -1) + String.fromCharCode(path.charCodeAt(path.length - 1) + 1);
}

export interface OrgRef {
  id: number;
  name: string;
  shortName: string;
  level: OrgLevel;
}

export interface OrgCounts {
  /** Organisations below this one (not counting itself). */
  descendantCount: number;
  /** Members in this organisation's subtree. */
  memberCount: number;
}

export interface OrgSummary extends OrgRef, OrgCounts {
  code: string;
  type: OrgType;
  parentId: number | null;
  depth: number;
  hasApprovalAuthority: boolean;
  childCount: number;
}

export interface OrgDetail extends OrgSummary {
  path: string;
  tags: string[];
  contactPerson: string;
  address: string;
  phone: string;
  fax: string;
  postcode: string;
  /** From the root down to the parent. */
  ancestors: OrgRef[];
  /** Whether the caller may edit this organisation (create children, move). */
  canManage: boolean;
}

/** What the destination picker may show to anyone logged in: no people, no counts. */
export interface OrgDirectoryEntry {
  id: number;
  name: string;
  shortName: string;
  code: string;
  level: OrgLevel;
  parentName: string | null;
}
