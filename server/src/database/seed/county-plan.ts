import type { Faker } from '@faker-js/faker';
import type { OrgLevel, OrgType } from '@zhdj/shared';
import { chance, intBetween, pick } from './rng';

/** One organisation of the planned tree; `children` are planned recursively. */
export interface PlannedOrg {
  key: number;
  parentKey: number | null;
  level: OrgLevel;
  type: OrgType;
  name: string;
  shortName: string;
  code: string;
  hasApprovalAuthority: boolean;
  tags: string;
  contactPerson: string;
  address: string;
  phone: string;
  fax: string;
  postcode: string;
  /** Planned member count (branches only). */
  members: number;
}

export const COUNTY = { name: '中共新沂市委员会', shortName: '新沂市委', code: 'XY' };
export const ORGS_PER_SCALE = 1800;
export const MEMBERS_PER_SCALE = 48_000;

const TOWNS: [string, 'town' | 'street'][] = [
  ['新安', 'street'], ['北沟', 'street'], ['唐店', 'street'], ['墨河', 'street'],
  ['瓦窑', 'town'], ['港头', 'town'], ['合沟', 'town'], ['草桥', 'town'], ['窑湾', 'town'], ['棋盘', 'town'],
  ['马陵山', 'town'], ['新店', 'town'], ['邵店', 'town'], ['时集', 'town'], ['高流', 'town'], ['阿湖', 'town'], ['双塘', 'town'],
];
const VILLAGE_WORDS = ['王庄', '李圩', '张湾', '刘集', '陈楼', '杨店', '赵庄', '黄墩', '周湖', '吴场', '徐庄', '孙塘', '马桥', '朱圩',
  '胡庄', '郭楼', '何湾', '高庄', '林场', '罗集', '郑庄', '梁湖', '谢墩', '宋庄', '唐湾', '许楼', '韩圩', '冯庄', '邓集', '曹庄',
  '彭湖', '曾墩', '肖庄', '田楼', '董湾', '袁庄', '潘集', '于圩', '蒋庄', '蔡湖', '余楼', '杜庄', '叶湾', '程集', '苏墩', '魏庄',
  '吕湖', '丁楼', '任庄', '沈湾', '姚集', '卢庄', '姜圩', '崔楼', '钟庄', '谭湾', '陆集', '汪庄', '范湖', '金楼', '石庄', '廖湾'];
const COMMUNITY_WORDS = ['钟吾', '沂河', '骆马湖', '新华', '人民', '建设', '幸福', '和平', '光明', '振兴', '新村', '康居', '滨湖',
  '阳光', '锦绣', '翠园', '春晖', '明珠', '育才', '友谊', '长安', '富民', '惠民', '顺河', '文化', '东方'];
const DEPARTMENTS = ['发展和改革委员会', '工业和信息化局', '财政局', '人力资源和社会保障局', '自然资源和规划局', '生态环境局',
  '住房和城乡建设局', '交通运输局', '水务局', '农业农村局', '商务局', '文化广电和旅游局', '退役军人事务局', '应急管理局',
  '审计局', '市场监督管理局', '统计局', '医疗保障局', '民政局', '司法局', '行政审批局', '城市管理局', '数据局', '信访局',
  '档案馆', '融媒体中心', '总工会', '团市委', '妇联', '科协', '残联', '供销合作总社', '税务局', '气象局', '烟草专卖局'];
const SCHOOLS = ['新沂市第一中学', '新沂市第二中学', '新沂市第三中学', '新沂市高级中学', '新沂市新安小学', '新沂市实验小学',
  '新沂市钟吾中学', '新沂市墨河中学', '新沂市阿湖中学', '新沂市双塘中学', '新沂市职业教育中心', '新沂市特殊教育学校',
  '新沂市第一实验幼儿园', '新沂市棋盘中学', '新沂市窑湾中学', '新沂市瓦窑中学', '新沂市唐店中学', '新沂市港头中学',
  '新沂市合沟小学', '新沂市草桥小学', '新沂市时集小学', '新沂市高流小学', '新沂市邵店小学', '新沂市新店小学', '新沂市北沟小学',
  '新沂市马陵山小学', '新沂市开发区实验学校', '新沂市春晖学校', '新沂市东方学校', '新沂市明珠中学'];
const HOSPITALS = ['新沂市人民医院', '新沂市中医医院', '新沂市妇幼保健院', '新沂市疾病预防控制中心', '新沂市第二人民医院',
  '新沂市精神卫生中心', '新沂市急救中心', '新沂市卫生监督所', '新沂市血站'];
const ENTERPRISE_WORDS = ['华', '盛', '恒', '瑞', '新', '鑫', '宏', '泰', '嘉', '丰', '达', '源', '锦', '润', '博', '安', '信', '宇',
  '海', '天', '力', '通', '隆', '远', '科', '汇', '昌', '和', '佳', '晟'];
const ENTERPRISE_KINDS = ['化工', '玻璃', '新材料', '食品', '纺织', '机械', '电子', '物流', '建材', '医药', '包装', '农业科技',
  '光伏', '家具', '服饰', '钢结构', '汽车配件', '生物科技', '环保科技', '电气'];
const SOCIAL_KINDS = ['行业协会', '商会', '社会工作服务中心', '志愿者协会', '律师事务所', '会计师事务所', '养老服务中心', '培训学校'];

class Planner {
  readonly orgs: PlannedOrg[] = [];
  private nextKey = 1;
  private codeSeq = new Map<string, number>();

  constructor(
    private readonly f: Faker,
    private readonly suffix: string,
  ) {}

  add(parent: PlannedOrg | null, o: Pick<PlannedOrg, 'level' | 'type' | 'name' | 'shortName'> & Partial<PlannedOrg>): PlannedOrg {
    const prefix = parent ? parent.code : COUNTY.code + this.suffix;
    const seq = (this.codeSeq.get(prefix) ?? 0) + 1;
    this.codeSeq.set(prefix, seq);
    const f = this.f;
    const org: PlannedOrg = {
      key: this.nextKey++,
      parentKey: parent?.key ?? null,
      code: parent ? `${prefix}-${String(seq).padStart(2, '0')}` : prefix,
      hasApprovalAuthority: false,
      tags: '',
      contactPerson: f.person.lastName() + f.person.firstName(),
      address: `江苏省新沂市${pick(f, ['钟吾路', '北京路', '大桥路', '人民路', '新华路', '沭东大道', '马陵山路', '富民路'])}${intBetween(f, 1, 300)}号`,
      phone: `0516-8${intBetween(f, 1000000, 9999999)}`,
      fax: chance(f, 0.6) ? `0516-8${intBetween(f, 1000000, 9999999)}` : '',
      postcode: pick(f, ['221400', '221401', '221402', '221403', '221404', '221421', '221431', '221441']),
      members: 0,
      ...o,
    };
    this.orgs.push(org);
    return org;
  }

  /** A branch (党支部). */
  branch(parent: PlannedOrg, shortName: string, type: OrgType, fullPrefix = '中共'): PlannedOrg {
    return this.add(parent, { level: 'BRANCH', type, shortName: `${shortName}党支部`, name: `${fullPrefix}${shortName}支部委员会` });
  }

  /** A unit that is a branch, a general branch with branches, or (large) a committee without authority. */
  unit(parent: PlannedOrg, shortName: string, type: OrgType, weights: [number, number, number], branchNames: string[]): void {
    const r = this.f.number.float({ min: 0, max: 1 });
    if (r < weights[0]) {
      this.branch(parent, shortName, type);
    } else if (r < weights[0] + weights[1]) {
      const gb = this.add(parent, { level: 'GENERAL_BRANCH', type, shortName: `${shortName}党总支`, name: `中共${shortName}总支部委员会` });
      const n = intBetween(this.f, 2, 4);
      for (let i = 0; i < n; i++) this.branch(gb, `${shortName}${nthBranch(branchNames, i)}`, type);
    } else {
      const c = this.add(parent, { level: 'COMMITTEE', type, shortName: `${shortName}党委`, name: `中共${shortName}委员会` });
      const n = intBetween(this.f, 3, 5);
      for (let i = 0; i < n; i++) this.branch(c, `${shortName}${nthBranch(branchNames, i)}`, type);
    }
  }
}

/**
 * The i-th branch's name within its unit: from the unit's list, then numbered on (第五…): no two branches of one unit,
 * and so no two organisations in the county, share a full name.
 */
function nthBranch(names: string[], i: number): string {
  return names[i] ?? `第${'一二三四五六七八九十'[i] ?? i + 1}`;
}

/**
 * Plans the county at a given scale: exactly 1,800 organisations per unit of scale — town and street committees
 * with their villages and communities, the organs' working committee, education and health system committees,
 * two-new, park, building and state-enterprise committees — and 48,000 members spread over the branches (3–50 each).
 * Scale N repeats the county's sub-structure N times under one root.
 */
export function planCounty(f: Faker, scale = 1): PlannedOrg[] {
  const all: PlannedOrg[] = [];
  const root: PlannedOrg = {
    key: 0,
    parentKey: null,
    level: 'COUNTY_COMMITTEE',
    type: 'ORGAN',
    name: COUNTY.name,
    shortName: COUNTY.shortName,
    code: COUNTY.code,
    hasApprovalAuthority: true,
    tags: '',
    contactPerson: '市委组织部',
    address: '江苏省新沂市钟吾路 1 号',
    phone: '0516-88922001',
    fax: '0516-88922002',
    postcode: '221400',
    members: 0,
  };
  all.push(root);
  let nextKey = 1;
  for (let s = 0; s < scale; s++) {
    const p = new Planner(f, scale > 1 ? String.fromCharCode(65 + (s % 26)) + (s >= 26 ? String(s) : '') : '');
    const part = planPart(p, f, root, s, scale);
    // Re-key so keys are unique across parts.
    const map = new Map<number, number>([[0, 0]]);
    for (const o of part) map.set(o.key, nextKey++);
    for (const o of part) all.push({ ...o, key: map.get(o.key)!, parentKey: o.parentKey === null ? 0 : map.get(o.parentKey)! });
  }
  distributeMembers(f, all, MEMBERS_PER_SCALE * scale);
  return all;
}

function planPart(p: Planner, f: Faker, root: PlannedOrg, s: number, scale: number): PlannedOrg[] {
  const tag = scale > 1 ? `(${s + 1})` : '';
  const top = { ...root, key: 0, code: root.code + (scale > 1 ? String.fromCharCode(65 + (s % 26)) + (s >= 26 ? String(s) : '') : '') };
  // Beyond one county, each copy hangs under its own district committee, as counties do under a city: the root keeps
  // a handful of children instead of every copy's forty, so the tree's shape (not just its size) stays realistic.
  const head =
    scale > 1
      ? p.add(top, { level: 'COMMITTEE', type: 'ORGAN', hasApprovalAuthority: true, name: `中共新沂市第${s + 1}片区工作委员会`, shortName: `第${s + 1}片区党工委` })
      : top;
  const under = (o: Partial<PlannedOrg> & Pick<PlannedOrg, 'level' | 'type' | 'name' | 'shortName'>) => p.add(head, o);
  const target = ORGS_PER_SCALE - (s === 0 ? 1 : 0);

  under({ level: 'BRANCH', type: 'ORGAN', name: `中共新沂市委组织部机关${tag}支部委员会`, shortName: `市委组织部机关${tag}党支部` });
  const villageNames = ['第一党支部', '第二党支部', '第三党支部', '第四党支部'].map((n) => n.replace('党支部', ''));
  for (const [town, kind] of TOWNS) {
    const isStreet = kind === 'street';
    const short = `${town}${isStreet ? '街道' : '镇'}${tag}`;
    const c = under({
      level: 'COMMITTEE',
      type: isStreet ? 'COMMUNITY' : 'RURAL',
      hasApprovalAuthority: true,
      name: isStreet ? `中共新沂市${short}工作委员会` : `中共新沂市${short}委员会`,
      shortName: isStreet ? `${short}党工委` : `${short}党委`,
    });
    p.branch(c, `${short}机关`, 'ORGAN');
    const words = isStreet ? COMMUNITY_WORDS : VILLAGE_WORDS;
    const n = isStreet ? intBetween(f, 9, 13) : intBetween(f, 14, 19);
    const start = intBetween(f, 0, words.length - 1);
    for (let i = 0; i < n; i++) {
      const w = words[(start + i) % words.length] + (i >= words.length ? String(i) : '');
      p.unit(c, `${short}${w}${isStreet ? '社区' : '村'}`, isStreet ? 'COMMUNITY' : 'RURAL', [0.55, 0.35, 0.1], villageNames);
    }
  }
  const organs = under({
    level: 'COMMITTEE', type: 'ORGAN', hasApprovalAuthority: true,
    name: `中共新沂市级机关${tag}工作委员会`, shortName: `市级机关${tag}工委`,
  });
  for (const d of DEPARTMENTS) p.unit(organs, `新沂市${d}${tag}`, 'ORGAN', [0.6, 0.4, 0], ['机关第一', '机关第二', '机关第三', '离退休干部']);
  const edu = under({ level: 'COMMITTEE', type: 'SCHOOL', hasApprovalAuthority: true, name: `中共新沂市教育局${tag}委员会`, shortName: `市教育局${tag}党委` });
  for (const sc of SCHOOLS) p.unit(edu, `${sc}${tag}`, 'SCHOOL', [0.5, 0.4, 0.1], ['教工第一', '教工第二', '教工第三', '离退休教师']);
  const health = under({ level: 'COMMITTEE', type: 'INSTITUTION', hasApprovalAuthority: true, name: `中共新沂市卫生健康委员会${tag}委员会`, shortName: `市卫健委${tag}党委` });
  for (const h of HOSPITALS) p.unit(health, `${h}${tag}`, 'INSTITUTION', [0.2, 0.5, 0.3], ['内科', '外科', '医技', '行政后勤']);
  const soe = under({ level: 'COMMITTEE', type: 'SOE', hasApprovalAuthority: true, name: `中共新沂市国有企业${tag}委员会`, shortName: `市国企${tag}党委` });
  for (let i = 0; i < 24; i++) {
    p.unit(soe, `新沂市${pick(f, ENTERPRISE_WORDS)}${pick(f, ENTERPRISE_WORDS)}${pick(f, ['城建', '水务', '交通', '国资', '农发', '文旅', '公交'])}集团${i + 1}${tag}`, 'SOE', [0.5, 0.4, 0.1], ['第一', '第二', '第三', '第四']);
  }
  const park = under({
    level: 'COMMITTEE', type: 'PRIVATE_ENTERPRISE', hasApprovalAuthority: true, tags: '园区',
    name: `中共新沂经济技术开发区${tag}工作委员会`, shortName: `开发区${tag}党工委`,
  });
  const building = under({
    level: 'COMMITTEE', type: 'SOCIAL_ORGANIZATION', hasApprovalAuthority: true, tags: '楼宇',
    name: `中共新沂市商务楼宇${tag}委员会`, shortName: `商务楼宇${tag}党委`,
  });
  for (let i = 0; i < 30; i++) p.branch(building, `${pick(f, ['钟吾', '新华', '汇金', '国际', '金融'])}大厦${pick(f, ENTERPRISE_WORDS)}${pick(f, SOCIAL_KINDS)}${i + 1}${tag}`, 'SOCIAL_ORGANIZATION');
  const social = under({ level: 'COMMITTEE', type: 'SOCIAL_ORGANIZATION', hasApprovalAuthority: true, name: `中共新沂市社会组织${tag}委员会`, shortName: `市社会组织${tag}党委` });
  const privateCo = under({ level: 'COMMITTEE', type: 'PRIVATE_ENTERPRISE', hasApprovalAuthority: true, name: `中共新沂市非公有制经济组织${tag}委员会`, shortName: `市非公经济组织${tag}党委` });

  // Fill with enterprise and social-organisation branches until the part has exactly its share of organisations.
  let i = 0;
  while (p.orgs.length < target) {
    const r = i % 5;
    const name = `${pick(f, ENTERPRISE_WORDS)}${pick(f, ENTERPRISE_WORDS)}`;
    if (r === 0) p.branch(social, `新沂市${name}${pick(f, SOCIAL_KINDS)}${i}${tag}`, 'SOCIAL_ORGANIZATION');
    else if (r < 3) p.branch(park, `江苏${name}${pick(f, ENTERPRISE_KINDS)}有限公司${i}${tag}`, 'PRIVATE_ENTERPRISE');
    else p.branch(privateCo, `新沂${name}${pick(f, ENTERPRISE_KINDS)}有限公司${i}${tag}`, 'PRIVATE_ENTERPRISE');
    i++;
  }
  // The fixed structure may overshoot by a few: drop the last branches until it fits.
  while (p.orgs.length > target) {
    const idx = p.orgs.findLastIndex((o) => o.level === 'BRANCH' && !p.orgs.some((c) => c.parentKey === o.key) && isFiller(o));
    p.orgs.splice(idx, 1);
  }
  return p.orgs;
}

const isFiller = (o: PlannedOrg) => /有限公司|协会|商会|中心|事务所|学校/.test(o.shortName);

/** Branch sizes of 3–50 summing exactly to the county's member count. */
function distributeMembers(f: Faker, orgs: PlannedOrg[], total: number): void {
  const branches = orgs.filter((o) => o.level === 'BRANCH');
  const avg = total / branches.length;
  for (const b of branches) b.members = Math.max(3, Math.min(50, Math.round(f.number.float({ min: avg - 30, max: avg + 22 }))));
  let sum = branches.reduce((s, b) => s + b.members, 0);
  let guard = 0;
  while (sum !== total && guard++ < 10_000_000) {
    const b = branches[f.number.int({ min: 0, max: branches.length - 1 })];
    if (sum < total && b.members < 50) {
      b.members++;
      sum++;
    } else if (sum > total && b.members > 3) {
      b.members--;
      sum--;
    }
  }
  // Committees, general branches and the county have no members of their own.
}
