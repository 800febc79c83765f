import type { AudienceGroup, OrgType, QuestionKind, StudyNeed } from '@zhdj/shared';

/** The demo study catalogue: real-looking modules, a question bank with correct keys, and twelve tracks. */

export type Topic = 'RULES' | 'THOUGHT' | 'HISTORY' | 'RURAL' | 'GOVERNANCE' | 'INTEGRITY' | 'SERVICE';

/** A few paragraphs per topic; each article opens with its own lead and takes three of its topic's paragraphs. */
export const PARAGRAPHS: Record<Topic, string[]> = {
  RULES: [
    '党章是党的根本大法，是全党必须共同遵守的根本行为规范。学习党章、遵守党章、贯彻党章、维护党章，是每一名共产党员的基本义务，也是加强党的建设的基础性工作。',
    '党员必须履行党章规定的八项义务，认真学习党的路线方针政策和决议，坚持党和人民的利益高于一切，自觉遵守党的纪律，严格保守党和国家的秘密，切实开展批评和自我批评。',
    '党支部是党的基础组织，担负直接教育党员、管理党员、监督党员和组织群众、宣传群众、凝聚群众、服务群众的职责。严格落实“三会一课”、主题党日、组织生活会和民主评议党员等制度，是党支部建设的基本功。',
    '按照党章规定，党员如果没有正当理由，连续六个月不参加党的组织生活，或不交纳党费，或不做党所分配的工作，就被认为是自行脱党。党员要主动亮明身份，按时足额交纳党费，积极参加组织生活。',
    '民主集中制是党的根本组织原则。党员个人服从党的组织，少数服从多数，下级组织服从上级组织，全党各个组织和全体党员服从党的全国代表大会和中央委员会。',
  ],
  THOUGHT: [
    '习近平新时代中国特色社会主义思想是当代中国马克思主义、二十一世纪马克思主义，是中华文化和中国精神的时代精华，实现了马克思主义中国化时代化新的飞跃。',
    '学习贯彻这一思想，要坚持学思用贯通、知信行统一，深刻领会其中蕴含的世界观和方法论，把坚持人民至上、自信自立、守正创新、问题导向、系统观念、胸怀天下贯穿到工作全过程。',
    '中国式现代化是人口规模巨大的现代化，是全体人民共同富裕的现代化，是物质文明和精神文明相协调的现代化，是人与自然和谐共生的现代化，是走和平发展道路的现代化。',
    '完整、准确、全面贯彻创新、协调、绿色、开放、共享的新发展理念，加快构建新发展格局，着力推动高质量发展，是新时代基层党员干部干事创业的根本遵循。',
  ],
  HISTORY: [
    '1921年7月，中国共产党第一次全国代表大会在上海召开，最后一天的会议转移到浙江嘉兴南湖的一条游船上举行，庄严宣告中国共产党正式成立。',
    '1935年1月召开的遵义会议，事实上确立了毛泽东同志在党中央和红军的领导地位，开始确立以毛泽东同志为主要代表的马克思主义正确路线在党中央的领导地位，是党的历史上一个生死攸关的转折点。',
    '1978年12月召开的党的十一届三中全会，实现了新中国成立以来党的历史上具有深远意义的伟大转折，开启了改革开放和社会主义现代化建设新时期。',
    '学习党史，要从党的百年奋斗中看清楚过去我们为什么能够成功、弄明白未来我们怎样才能继续成功，从而更加坚定、更加自觉地践行初心使命。',
  ],
  RURAL: [
    '实施乡村振兴战略，总要求是产业兴旺、生态宜居、乡风文明、治理有效、生活富裕。要坚持农业农村优先发展，推动乡村产业、人才、文化、生态、组织全面振兴。',
    '村党组织是党在农村全部工作和战斗力的基础。要选优配强村党组织书记，发挥党员先锋模范作用，带领群众发展特色产业、壮大村级集体经济。',
    '新沂立足骆马湖、马陵山等资源禀赋，发展水蜜桃、葡萄、花卉苗木等特色产业，探索“党支部+合作社+农户”模式，让农民更多分享产业增值收益。',
    '巩固拓展脱贫攻坚成果，要健全防止返贫动态监测和帮扶机制，守住不发生规模性返贫的底线，持续增加农民收入。',
  ],
  GOVERNANCE: [
    '坚持和发展新时代“枫桥经验”，就是要把矛盾纠纷化解在基层、化解在萌芽状态，做到小事不出村、大事不出镇、矛盾不上交。',
    '推进网格化管理，把党小组建在网格上，让党员走进千家万户，及时收集群众诉求，做到民有所呼、我有所应。',
    '落实“四议两公开”工作法，村级重大事项经村党组织提议、村“两委”会议商议、党员大会审议、村民会议或村民代表会议决议，决议和实施结果向全体村民公开。',
    '社区党组织要统筹辖区单位、物业企业、业主委员会和社会组织力量，推动资源下沉、服务下沉，把党的组织优势转化为基层治理效能。',
  ],
  INTEGRITY: [
    '中央八项规定是作风建设的“金色名片”。党员干部要严防“四风”反弹回潮，坚决纠治形式主义、官僚主义，力戒享乐主义、奢靡之风。',
    '《中国共产党纪律处分条例》规定了政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律，党员必须把纪律规矩挺在前面，做到知敬畏、存戒惧、守底线。',
    '要深化运用监督执纪“四种形态”，经常开展批评和自我批评、约谈函询，让“红红脸、出出汗”成为常态，抓早抓小、防微杜渐。',
    '廉洁自律从小事小节做起：不收受可能影响公正执行公务的礼品礼金，不违规操办婚丧喜庆事宜，不在微信群里发红包“拉关系”，管好家属和身边工作人员。',
  ],
  SERVICE: [
    '全心全意为人民服务是党的根本宗旨。党员要坚持一切为了群众，一切依靠群众，从群众中来，到群众中去，把群众的急难愁盼当作自己的头等大事。',
    '党员到社区报到、认领微心愿、参加志愿服务，是践行宗旨的具体行动。要在帮老助残、环境整治、文明创建中亮身份、作表率。',
    '推行“一次告知、一窗受理、一站办结”，让群众办事少跑腿。党群服务中心要延长服务时间、提供预约服务，方便群众就近办事。',
  ],
};

export interface ArticleSeed {
  title: string;
  topic: Topic;
  need: StudyNeed;
  lead: string;
  tags: string[];
  minReadSeconds: number;
  classHours: number;
}

export const ARTICLES: ArticleSeed[] = [
  { title: '认真学习党章 自觉遵守党章', topic: 'RULES', need: 'RULES', lead: '党章是立党治党管党的总章程。', tags: ['党章党规'], minReadSeconds: 30, classHours: 1 },
  { title: '党员的权利和义务', topic: 'RULES', need: 'RULES', lead: '党员享有党章规定的权利，必须履行党章规定的义务。', tags: ['党章党规', '党员教育'], minReadSeconds: 120, classHours: 1 },
  { title: '“三会一课”制度规范化建设', topic: 'RULES', need: 'SKILLS', lead: '“三会一课”是党的组织生活的基本制度。', tags: ['支部建设', '组织生活'], minReadSeconds: 180, classHours: 1.5 },
  { title: '发展党员工作流程要点', topic: 'RULES', need: 'SKILLS', lead: '发展党员要坚持标准、严格程序、严肃纪律。', tags: ['支部建设'], minReadSeconds: 180, classHours: 1.5 },
  { title: '深刻领会习近平新时代中国特色社会主义思想的核心要义', topic: 'THOUGHT', need: 'POLICY', lead: '理论上的清醒是政治上坚定的基础。', tags: ['理论学习'], minReadSeconds: 240, classHours: 2 },
  { title: '以中国式现代化全面推进强国建设、民族复兴伟业', topic: 'THOUGHT', need: 'POLICY', lead: '党的二十大擘画了以中国式现代化全面推进中华民族伟大复兴的宏伟蓝图。', tags: ['二十大精神', '理论学习'], minReadSeconds: 240, classHours: 2 },
  { title: '完整准确全面贯彻新发展理念', topic: 'THOUGHT', need: 'POLICY', lead: '新发展理念是一个系统的理论体系。', tags: ['理论学习'], minReadSeconds: 150, classHours: 1 },
  { title: '从党的百年奋斗中汲取前进力量', topic: 'HISTORY', need: 'HISTORY', lead: '历史是最好的教科书。', tags: ['党史学习'], minReadSeconds: 150, classHours: 1 },
  { title: '遵义会议：伟大的历史转折', topic: 'HISTORY', need: 'HISTORY', lead: '遵义会议在最危急关头挽救了党、挽救了红军、挽救了中国革命。', tags: ['党史学习'], minReadSeconds: 120, classHours: 1 },
  { title: '乡村振兴战略二十字总要求解读', topic: 'RURAL', need: 'SKILLS', lead: '民族要复兴，乡村必振兴。', tags: ['乡村振兴'], minReadSeconds: 180, classHours: 1.5 },
  { title: '发展壮大村级集体经济的新沂实践', topic: 'RURAL', need: 'SKILLS', lead: '集体经济强，村党组织说话才有底气。', tags: ['乡村振兴', '新沂实践'], minReadSeconds: 150, classHours: 1 },
  { title: '坚持和发展新时代“枫桥经验”', topic: 'GOVERNANCE', need: 'GOVERNANCE', lead: '基层治理是国家治理的基石。', tags: ['基层治理'], minReadSeconds: 150, classHours: 1 },
  { title: '党建引领网格化社会治理', topic: 'GOVERNANCE', need: 'GOVERNANCE', lead: '网格是服务群众的最小单元。', tags: ['基层治理', '社区工作'], minReadSeconds: 120, classHours: 1 },
  { title: '深入贯彻中央八项规定精神', topic: 'INTEGRITY', need: 'INTEGRITY', lead: '作风建设永远在路上。', tags: ['廉洁自律', '作风建设'], minReadSeconds: 120, classHours: 1 },
  { title: '学习新修订的《中国共产党纪律处分条例》', topic: 'INTEGRITY', need: 'INTEGRITY', lead: '纪律是管党治党的“戒尺”。', tags: ['廉洁自律', '党章党规'], minReadSeconds: 240, classHours: 2 },
  { title: '践行宗旨 服务群众', topic: 'SERVICE', need: 'SERVICE', lead: '人民对美好生活的向往，就是我们的奋斗目标。', tags: ['为民服务'], minReadSeconds: 90, classHours: 1 },
  // Longer study for branch secretaries and committee members, whose year asks 56 class hours (domain.md §6): with these,
  // the catalogue holds enough for a cadre to reach it from the elective library (自选学习).
  { title: '党支部书记如何讲好专题党课', topic: 'RULES', need: 'SKILLS', lead: '讲好党课是党支部书记的基本功。', tags: ['书记培训', '支部建设'], minReadSeconds: 300, classHours: 2 },
  { title: '基层党组织议事决策规则解读', topic: 'GOVERNANCE', need: 'SKILLS', lead: '规范议事决策，是提升基层党组织组织力的关键。', tags: ['书记培训', '基层治理'], minReadSeconds: 300, classHours: 2 },
  { title: '落实全面从严治党主体责任', topic: 'INTEGRITY', need: 'INTEGRITY', lead: '管党治党，首先要把主体责任扛在肩上。', tags: ['书记培训', '廉洁自律'], minReadSeconds: 300, classHours: 2 },
  { title: '新时代党的组织路线学习辅导', topic: 'THOUGHT', need: 'POLICY', lead: '新时代党的组织路线是党的建设的重要遵循。', tags: ['理论学习', '书记培训'], minReadSeconds: 300, classHours: 2 },
  { title: '《中国共产党党员教育管理工作条例》要点', topic: 'RULES', need: 'RULES', lead: '党员教育管理是党的建设的基础性经常性工作。', tags: ['党章党规', '党员教育'], minReadSeconds: 240, classHours: 1.5 },
];

export interface VideoSeed {
  title: string;
  need: StudyNeed;
  file: string;
  durationSeconds: number;
  classHours: number;
  tags: string[];
}

export const VIDEOS: VideoSeed[] = [
  { title: '党章党规专题辅导讲座', need: 'RULES', file: 'dangzhang-fudao.mp4', durationSeconds: 2400, classHours: 2, tags: ['党章党规'] },
  { title: '党的二十大精神宣讲', need: 'POLICY', file: 'ershida-xuanjiang.mp4', durationSeconds: 2700, classHours: 2, tags: ['二十大精神'] },
  { title: '微党课：信仰的味道', need: 'HISTORY', file: 'weidangke-xinyang.mp4', durationSeconds: 900, classHours: 0.5, tags: ['党史学习', '微党课'] },
  { title: '纪录片《旗帜》第一集', need: 'HISTORY', file: 'qizhi-01.mp4', durationSeconds: 1800, classHours: 1, tags: ['党史学习'] },
  { title: '乡村振兴带头人经验分享', need: 'SKILLS', file: 'xiangcun-daitouren.mp4', durationSeconds: 1500, classHours: 1, tags: ['乡村振兴'] },
  { title: '特色产业发展与农村电商', need: 'SKILLS', file: 'nongcun-dianshang.mp4', durationSeconds: 1800, classHours: 1, tags: ['乡村振兴', '电商'] },
  { title: '社区网格员工作实务', need: 'GOVERNANCE', file: 'wangge-shiwu.mp4', durationSeconds: 1200, classHours: 1, tags: ['基层治理'] },
  { title: '警示教育片：底线', need: 'INTEGRITY', file: 'jingshi-dixian.mp4', durationSeconds: 2100, classHours: 1.5, tags: ['廉洁自律', '警示教育'] },
  { title: '党支部书记履职能力培训', need: 'SKILLS', file: 'shuji-lvzhi.mp4', durationSeconds: 3000, classHours: 2, tags: ['支部建设', '书记培训'] },
  { title: '老党员的初心故事', need: 'HISTORY', file: 'laodangyuan-chuxin.mp4', durationSeconds: 720, classHours: 0.5, tags: ['党史学习', '离退休'] },
  { title: '流动党员“线上组织生活”指南', need: 'SKILLS', file: 'liudong-xianshang.mp4', durationSeconds: 600, classHours: 0.5, tags: ['流动党员', '组织生活'] },
  { title: '青年党员的使命与担当', need: 'POLICY', file: 'qingnian-dandang.mp4', durationSeconds: 1200, classHours: 1, tags: ['青年党员'] },
];

export interface QuestionSeed {
  topic: Topic;
  kind: QuestionKind;
  stem: string;
  options?: [string, string][];
  answer: string[];
  explanation: string;
}

const abcd = (...texts: string[]): [string, string][] => texts.map((t, i) => ['ABCDEFGH'[i], t]);

export const QUESTIONS: QuestionSeed[] = [
  { topic: 'RULES', kind: 'SINGLE', stem: '年满多少岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子，可以申请加入中国共产党？', options: abcd('十六岁', '十八岁', '二十岁', '二十二岁'), answer: ['B'], explanation: '党章规定，年满十八岁可以申请入党。' },
  { topic: 'RULES', kind: 'SINGLE', stem: '预备党员的预备期为多长时间？', options: abcd('半年', '一年', '两年', '三年'), answer: ['B'], explanation: '党章规定预备期为一年。' },
  { topic: 'RULES', kind: 'SINGLE', stem: '党员没有正当理由，连续多长时间不参加党的组织生活，或不交纳党费，或不做党所分配的工作，就被认为是自行脱党？', options: abcd('三个月', '六个月', '九个月', '一年'), answer: ['B'], explanation: '党章规定为连续六个月。' },
  { topic: 'RULES', kind: 'SINGLE', stem: '党员的党龄从什么时候算起？', options: abcd('递交入党申请书之日', '支部大会通过其为预备党员之日', '预备期满转为正式党员之日', '上级党委批准其入党之日'), answer: ['C'], explanation: '党员的党龄，从预备期满转为正式党员之日算起。' },
  { topic: 'RULES', kind: 'SINGLE', stem: '企业、农村、机关、学校等基层单位，凡是有正式党员几人以上的，都应当成立党的基层组织？', options: abcd('二人', '三人', '五人', '七人'), answer: ['B'], explanation: '党章规定有正式党员三人以上的，都应当成立党的基层组织。' },
  { topic: 'RULES', kind: 'MULTIPLE', stem: '“三会一课”包括哪些内容？', options: abcd('支部党员大会', '支部委员会会议', '党小组会', '党课'), answer: ['A', 'B', 'C', 'D'], explanation: '“三会”指支部党员大会、支部委员会会议、党小组会，“一课”指党课。' },
  { topic: 'RULES', kind: 'MULTIPLE', stem: '民主集中制的“四个服从”包括：', options: abcd('党员个人服从党的组织', '少数服从多数', '下级组织服从上级组织', '全党各个组织和全体党员服从党的全国代表大会和中央委员会'), answer: ['A', 'B', 'C', 'D'], explanation: '这是党章规定的民主集中制基本原则。' },
  { topic: 'RULES', kind: 'TRUE_FALSE', stem: '党的纪律处分有警告、严重警告、撤销党内职务、留党察看、开除党籍五种。', answer: ['T'], explanation: '党章规定了这五种纪律处分。' },
  { topic: 'RULES', kind: 'TRUE_FALSE', stem: '党支部一般每月相对固定1天开展主题党日。', answer: ['T'], explanation: '《中国共产党支部工作条例（试行）》作此规定。' },
  { topic: 'RULES', kind: 'TRUE_FALSE', stem: '党员可以不参加所在党支部的组织生活，只要按时交纳党费即可。', answer: ['F'], explanation: '每个党员都必须编入党的一个支部、小组或其他特定组织，参加党的组织生活。' },
  { topic: 'THOUGHT', kind: 'MULTIPLE', stem: '“五位一体”总体布局包括：', options: abcd('经济建设', '政治建设', '文化建设', '社会建设', '生态文明建设'), answer: ['A', 'B', 'C', 'D', 'E'], explanation: '“五位一体”即经济、政治、文化、社会、生态文明建设。' },
  { topic: 'THOUGHT', kind: 'MULTIPLE', stem: '新发展理念包括：', options: abcd('创新', '协调', '绿色', '开放', '共享', '高速'), answer: ['A', 'B', 'C', 'D', 'E'], explanation: '新发展理念是创新、协调、绿色、开放、共享。' },
  { topic: 'THOUGHT', kind: 'MULTIPLE', stem: '“四个自信”是指：', options: abcd('道路自信', '理论自信', '制度自信', '文化自信', '历史自信'), answer: ['A', 'B', 'C', 'D'], explanation: '“四个自信”即中国特色社会主义道路自信、理论自信、制度自信、文化自信。' },
  { topic: 'THOUGHT', kind: 'MULTIPLE', stem: '“四个意识”是指：', options: abcd('政治意识', '大局意识', '核心意识', '看齐意识', '忧患意识'), answer: ['A', 'B', 'C', 'D'], explanation: '增强政治意识、大局意识、核心意识、看齐意识。' },
  { topic: 'THOUGHT', kind: 'SINGLE', stem: '党的二十大于哪一年召开？', options: abcd('2017年', '2020年', '2022年', '2023年'), answer: ['C'], explanation: '党的第二十次全国代表大会于2022年10月在北京召开。' },
  { topic: 'THOUGHT', kind: 'TRUE_FALSE', stem: '中国式现代化是人口规模巨大的现代化。', answer: ['T'], explanation: '这是中国式现代化的中国特色之一。' },
  { topic: 'THOUGHT', kind: 'TRUE_FALSE', stem: '“绿水青山就是金山银山”理念体现了绿色发展的要求。', answer: ['T'], explanation: '绿色发展注重解决人与自然和谐共生问题。' },
  { topic: 'HISTORY', kind: 'SINGLE', stem: '中国共产党第一次全国代表大会于何时召开？', options: abcd('1919年5月', '1921年7月', '1927年8月', '1935年1月'), answer: ['B'], explanation: '1921年7月，中共一大在上海召开。' },
  { topic: 'HISTORY', kind: 'SINGLE', stem: '中共一大最后一天的会议在哪里举行？', options: abcd('上海望志路', '浙江嘉兴南湖', '江西南昌', '贵州遵义'), answer: ['B'], explanation: '最后一天的会议转移到嘉兴南湖的一条游船上举行。' },
  { topic: 'HISTORY', kind: 'SINGLE', stem: '遵义会议召开于：', options: abcd('1927年8月', '1929年12月', '1935年1月', '1945年4月'), answer: ['C'], explanation: '遵义会议于1935年1月召开。' },
  { topic: 'HISTORY', kind: 'SINGLE', stem: '开启改革开放和社会主义现代化建设新时期的会议是：', options: abcd('党的八大', '党的十一届三中全会', '党的十二大', '党的十四大'), answer: ['B'], explanation: '1978年12月召开的党的十一届三中全会。' },
  { topic: 'HISTORY', kind: 'SINGLE', stem: '南昌起义爆发于哪一天？', options: abcd('1927年8月1日', '1927年9月9日', '1928年4月28日', '1929年12月28日'), answer: ['A'], explanation: '8月1日后来成为中国人民解放军建军节。' },
  { topic: 'HISTORY', kind: 'TRUE_FALSE', stem: '7月1日是中国共产党的建党纪念日。', answer: ['T'], explanation: '每年7月1日为党的生日纪念日。' },
  { topic: 'HISTORY', kind: 'TRUE_FALSE', stem: '党的七大把毛泽东思想确立为党的指导思想。', answer: ['T'], explanation: '1945年党的七大将毛泽东思想写入党章。' },
  { topic: 'HISTORY', kind: 'TRUE_FALSE', stem: '中华人民共和国成立于1945年10月1日。', answer: ['F'], explanation: '中华人民共和国于1949年10月1日成立。' },
  { topic: 'RURAL', kind: 'MULTIPLE', stem: '乡村振兴战略的总要求包括：', options: abcd('产业兴旺', '生态宜居', '乡风文明', '治理有效', '生活富裕'), answer: ['A', 'B', 'C', 'D', 'E'], explanation: '二十字总要求。' },
  { topic: 'RURAL', kind: 'MULTIPLE', stem: '乡村“五大振兴”包括：', options: abcd('产业振兴', '人才振兴', '文化振兴', '生态振兴', '组织振兴', '金融振兴'), answer: ['A', 'B', 'C', 'D', 'E'], explanation: '产业、人才、文化、生态、组织振兴。' },
  { topic: 'RURAL', kind: 'SINGLE', stem: '乡村振兴战略是在哪次会议上首次提出的？', options: abcd('党的十八大', '党的十九大', '党的二十大', '党的十八届三中全会'), answer: ['B'], explanation: '2017年党的十九大报告首次提出实施乡村振兴战略。' },
  { topic: 'RURAL', kind: 'SINGLE', stem: '《中华人民共和国乡村振兴促进法》自何时起施行？', options: abcd('2019年1月1日', '2020年10月1日', '2021年6月1日', '2022年1月1日'), answer: ['C'], explanation: '该法自2021年6月1日起施行。' },
  { topic: 'RURAL', kind: 'TRUE_FALSE', stem: '巩固拓展脱贫攻坚成果，要守住不发生规模性返贫的底线。', answer: ['T'], explanation: '这是巩固拓展脱贫攻坚成果的底线要求。' },
  { topic: 'GOVERNANCE', kind: 'SINGLE', stem: '“枫桥经验”发源于：', options: abcd('浙江省诸暨市', '江苏省昆山市', '福建省晋江市', '山东省寿光市'), answer: ['A'], explanation: '“枫桥经验”发源于浙江省诸暨市枫桥镇。' },
  { topic: 'GOVERNANCE', kind: 'SINGLE', stem: '根据《村民委员会组织法》，村民委员会每届任期几年？', options: abcd('三年', '四年', '五年', '六年'), answer: ['C'], explanation: '2018年修正后，村民委员会每届任期五年。' },
  { topic: 'GOVERNANCE', kind: 'TRUE_FALSE', stem: '“四议两公开”中的“两公开”是指决议公开和实施结果公开。', answer: ['T'], explanation: '决议公开、实施结果公开。' },
  { topic: 'GOVERNANCE', kind: 'TRUE_FALSE', stem: '新时代“枫桥经验”强调小事不出村、大事不出镇、矛盾不上交。', answer: ['T'], explanation: '把矛盾纠纷化解在基层。' },
  { topic: 'INTEGRITY', kind: 'SINGLE', stem: '中央八项规定是在哪一年出台的？', options: abcd('2012年', '2014年', '2016年', '2018年'), answer: ['A'], explanation: '2012年12月，中央政治局审议通过八项规定。' },
  { topic: 'INTEGRITY', kind: 'MULTIPLE', stem: '《中国共产党纪律处分条例》规定的“六项纪律”包括：', options: abcd('政治纪律', '组织纪律', '廉洁纪律', '群众纪律', '工作纪律', '生活纪律'), answer: ['A', 'B', 'C', 'D', 'E', 'F'], explanation: '政治、组织、廉洁、群众、工作、生活纪律。' },
  { topic: 'INTEGRITY', kind: 'SINGLE', stem: '监督执纪“四种形态”中的第一种形态是：', options: abcd('经常开展批评和自我批评、约谈函询', '党纪轻处分、组织调整', '党纪重处分、重大职务调整', '严重违纪涉嫌违法立案审查'), answer: ['A'], explanation: '让“红红脸、出出汗”成为常态。' },
  { topic: 'INTEGRITY', kind: 'TRUE_FALSE', stem: '党员干部可以接受可能影响公正执行公务的礼品礼金，只要金额不大。', answer: ['F'], explanation: '不得收受可能影响公正执行公务的礼品、礼金。' },
  { topic: 'INTEGRITY', kind: 'TRUE_FALSE', stem: '违规收送名贵特产和礼品礼金属于违反中央八项规定精神的问题。', answer: ['T'], explanation: '这是“四风”问题的典型表现之一。' },
  { topic: 'INTEGRITY', kind: 'MULTIPLE', stem: '“四风”是指：', options: abcd('形式主义', '官僚主义', '享乐主义', '奢靡之风', '本位主义'), answer: ['A', 'B', 'C', 'D'], explanation: '形式主义、官僚主义、享乐主义和奢靡之风。' },
  { topic: 'SERVICE', kind: 'SINGLE', stem: '中国共产党的根本宗旨是：', options: abcd('实现共产主义', '全心全意为人民服务', '发展生产力', '实现共同富裕'), answer: ['B'], explanation: '党章规定，党除了工人阶级和最广大人民群众的利益，没有自己特殊的利益。' },
  { topic: 'SERVICE', kind: 'TRUE_FALSE', stem: '党的群众路线是一切为了群众，一切依靠群众，从群众中来，到群众中去。', answer: ['T'], explanation: '这是党章对群众路线的表述。' },
  { topic: 'SERVICE', kind: 'SINGLE', stem: '“我为群众办实事”实践活动是在哪项学习教育中开展的？', options: abcd('党的群众路线教育实践活动', '“两学一做”学习教育', '党史学习教育', '主题教育'), answer: ['C'], explanation: '2021年党史学习教育中开展“我为群众办实事”实践活动。' },
  { topic: 'SERVICE', kind: 'TRUE_FALSE', stem: '党员到社区报到、参加志愿服务，是践行党的宗旨的具体行动。', answer: ['T'], explanation: '在职党员到社区报到，亮身份、作表率。' },
];

export interface QuizSeed {
  title: string;
  need: StudyNeed;
  topics: Topic[];
  bank: number;
  perAttempt: number;
  passPercent: number;
  attempts: number;
  timeLimitSeconds: number;
  classHours: number;
}

export const QUIZZES: QuizSeed[] = [
  { title: '党章党规知识测试', need: 'RULES', topics: ['RULES'], bank: 10, perAttempt: 5, passPercent: 80, attempts: 3, timeLimitSeconds: 900, classHours: 1 },
  { title: '党的二十大精神应知应会测试', need: 'POLICY', topics: ['THOUGHT', 'RULES'], bank: 15, perAttempt: 10, passPercent: 80, attempts: 3, timeLimitSeconds: 1200, classHours: 1 },
  { title: '习近平新时代中国特色社会主义思想学习测试', need: 'POLICY', topics: ['THOUGHT', 'HISTORY', 'SERVICE'], bank: 20, perAttempt: 10, passPercent: 80, attempts: 3, timeLimitSeconds: 1200, classHours: 1.5 },
  { title: '党史知识竞答', need: 'HISTORY', topics: ['HISTORY'], bank: 10, perAttempt: 8, passPercent: 75, attempts: 3, timeLimitSeconds: 900, classHours: 1 },
  { title: '乡村振兴政策测试', need: 'SKILLS', topics: ['RURAL', 'GOVERNANCE'], bank: 12, perAttempt: 8, passPercent: 75, attempts: 3, timeLimitSeconds: 900, classHours: 1 },
  { title: '基层治理能力测试', need: 'GOVERNANCE', topics: ['GOVERNANCE', 'SERVICE', 'RURAL'], bank: 14, perAttempt: 8, passPercent: 75, attempts: 3, timeLimitSeconds: 900, classHours: 1 },
  { title: '廉洁自律知识测试', need: 'INTEGRITY', topics: ['INTEGRITY'], bank: 10, perAttempt: 6, passPercent: 80, attempts: 3, timeLimitSeconds: 600, classHours: 1 },
  { title: '纪律处分条例专题测试', need: 'INTEGRITY', topics: ['INTEGRITY', 'RULES'], bank: 18, perAttempt: 10, passPercent: 80, attempts: 2, timeLimitSeconds: 1200, classHours: 1.5 },
  { title: '党支部书记应知应会综合测试', need: 'SKILLS', topics: ['RULES', 'GOVERNANCE', 'INTEGRITY', 'THOUGHT', 'HISTORY', 'RURAL', 'SERVICE'], bank: 30, perAttempt: 20, passPercent: 85, attempts: 3, timeLimitSeconds: 1800, classHours: 2 },
  { title: '预备党员转正前知识测试', need: 'RULES', topics: ['RULES', 'HISTORY', 'SERVICE'], bank: 20, perAttempt: 10, passPercent: 80, attempts: 3, timeLimitSeconds: 1200, classHours: 1 },
  { title: '为民服务意识小测', need: 'SERVICE', topics: ['SERVICE', 'GOVERNANCE'], bank: 10, perAttempt: 5, passPercent: 60, attempts: 5, timeLimitSeconds: 0, classHours: 0.5 },
  { title: '全体党员年度学习测试', need: 'POLICY', topics: ['THOUGHT', 'RULES', 'HISTORY', 'INTEGRITY', 'SERVICE', 'GOVERNANCE', 'RURAL'], bank: 25, perAttempt: 15, passPercent: 80, attempts: 3, timeLimitSeconds: 1500, classHours: 1.5 },
];

export interface TrackSeed {
  title: string;
  description: string;
  orgTypes: OrgType[];
  groups: AudienceGroup[];
  needs: StudyNeed[];
  /** Module titles, in order; `?` prefix = optional. */
  modules: string[];
  /** Where it is assigned: the county, or every town committee of a kind. */
  assign: 'COUNTY' | 'RURAL_TOWNS';
  /** Due date, days from the seed's today (negative: already past). */
  dueInDays: number;
}

export const TRACKS: TrackSeed[] = [
  {
    title: '全体党员年度必学清单',
    description: '面向全市党员的年度基础学习内容，涵盖党章党规、创新理论和党史。',
    orgTypes: [], groups: [], needs: ['POLICY', 'RULES'],
    modules: ['认真学习党章 自觉遵守党章', '党的二十大精神宣讲', '全体党员年度学习测试', '?从党的百年奋斗中汲取前进力量'],
    assign: 'COUNTY', dueInDays: 33,
  },
  {
    title: '农村党员乡村振兴学习清单',
    description: '聚焦乡村振兴和集体经济发展，提升农村党员带富致富能力。',
    orgTypes: ['RURAL'], groups: [], needs: ['SKILLS'],
    modules: ['乡村振兴战略二十字总要求解读', '乡村振兴带头人经验分享', '乡村振兴政策测试', '?发展壮大村级集体经济的新沂实践', '?特色产业发展与农村电商'],
    assign: 'RURAL_TOWNS', dueInDays: -28,
  },
  {
    title: '社区党员基层治理学习清单',
    description: '学习新时代“枫桥经验”和网格化治理，提升服务群众本领。',
    orgTypes: ['COMMUNITY'], groups: [], needs: ['GOVERNANCE', 'SERVICE'],
    modules: ['坚持和发展新时代“枫桥经验”', '社区网格员工作实务', '基层治理能力测试', '?党建引领网格化社会治理', '?践行宗旨 服务群众'],
    assign: 'COUNTY', dueInDays: 2,
  },
  {
    title: '机关党员理论学习清单',
    description: '机关党员深入学习创新理论，做到学思用贯通。',
    orgTypes: ['ORGAN', 'INSTITUTION'], groups: [], needs: ['POLICY', 'INTEGRITY'],
    modules: ['深刻领会习近平新时代中国特色社会主义思想的核心要义', '以中国式现代化全面推进强国建设、民族复兴伟业', '习近平新时代中国特色社会主义思想学习测试', '深入贯彻中央八项规定精神'],
    assign: 'COUNTY', dueInDays: 33,
  },
  {
    title: '两新组织党员学习清单',
    description: '面向非公有制企业和社会组织党员，突出政治引领和服务发展。',
    orgTypes: ['PRIVATE_ENTERPRISE', 'SOCIAL_ORGANIZATION'], groups: [], needs: ['POLICY', 'SKILLS'],
    modules: ['完整准确全面贯彻新发展理念', '党的二十大精神应知应会测试', '?践行宗旨 服务群众'],
    assign: 'COUNTY', dueInDays: 33,
  },
  {
    title: '教育系统党员师德师风学习清单',
    description: '教育系统党员加强理论武装和师德师风建设。',
    orgTypes: ['SCHOOL'], groups: [], needs: ['POLICY', 'INTEGRITY'],
    modules: ['以中国式现代化全面推进强国建设、民族复兴伟业', '廉洁自律知识测试', '?深入贯彻中央八项规定精神'],
    assign: 'COUNTY', dueInDays: -58,
  },
  {
    title: '离退休党员学习清单',
    description: '内容精简、以视频为主，方便老党员学习。',
    orgTypes: [], groups: ['RETIRED'], needs: ['HISTORY'],
    modules: ['老党员的初心故事', '微党课：信仰的味道', '?纪录片《旗帜》第一集'],
    assign: 'COUNTY', dueInDays: 33,
  },
  {
    title: '流动党员学习清单',
    description: '流动党员线上参加组织生活、随时随地学习。',
    orgTypes: [], groups: ['MOBILE'], needs: ['SKILLS', 'RULES'],
    modules: ['流动党员“线上组织生活”指南', '党员的权利和义务', '党章党规知识测试'],
    assign: 'COUNTY', dueInDays: 33,
  },
  {
    title: '青年党员学习清单',
    description: '面向35岁以下青年党员，坚定理想信念、勇于担当作为。',
    orgTypes: [], groups: ['YOUTH'], needs: ['POLICY', 'HISTORY'],
    modules: ['青年党员的使命与担当', '从党的百年奋斗中汲取前进力量', '党史知识竞答'],
    assign: 'COUNTY', dueInDays: 33,
  },
  {
    title: '预备党员教育培训清单',
    description: '预备期内系统学习党的基本知识，为按期转正打好基础。',
    orgTypes: [], groups: ['PROBATIONARY'], needs: ['RULES'],
    modules: ['党员的权利和义务', '党章党规专题辅导讲座', '预备党员转正前知识测试'],
    assign: 'COUNTY', dueInDays: 33,
  },
  {
    title: '党支部书记和委员履职能力清单',
    description: '提升支部书记和委员抓党建、促发展、办实事的能力。',
    orgTypes: [], groups: ['CADRES'], needs: ['SKILLS', 'RULES', 'INTEGRITY'],
    modules: ['“三会一课”制度规范化建设', '发展党员工作流程要点', '党支部书记履职能力培训', '学习新修订的《中国共产党纪律处分条例》', '党支部书记应知应会综合测试', '?警示教育片：底线'],
    assign: 'COUNTY', dueInDays: -5,
  },
  {
    title: '高校毕业生党员学习清单',
    description: '帮助高校毕业生党员及时接转组织关系、融入基层组织。',
    orgTypes: [], groups: ['GRADUATE'], needs: ['RULES', 'SERVICE'],
    modules: ['认真学习党章 自觉遵守党章', '遵义会议：伟大的历史转折', '为民服务意识小测'],
    assign: 'COUNTY', dueInDays: 33,
  },
];

/** Paragraphs of an article: its lead, then three of its topic's paragraphs (rotating by index). */
export function articleHtml(a: ArticleSeed, index: number): string {
  const pool = PARAGRAPHS[a.topic];
  const chosen = [0, 1, 2].map((k) => pool[(index + k) % pool.length]);
  return [`<p><strong>${a.lead}</strong></p>`, ...chosen.map((p) => `<p>${p}</p>`), '<p>（来源：新沂市委组织部 党员教育中心）</p>'].join('\n');
}
