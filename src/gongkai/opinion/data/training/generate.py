"""Write opinion.tsv: labelled training text for the sentiment and 诉求 classifiers (run by hand).

    python src/gongkai/opinion/data/training/generate.py

All wording is the project's own. Volume comes from sentence patterns (each with its two labels and a
channel style) filled with per-department slots, so every demo department appears in every kind of
text. Rows keep their pattern number in the `group` column: the held-out split in
`gongkai.opinion.classify.evaluate` is by pattern, never by row, or near-identical fillings of one
pattern would sit on both sides of the split and the accuracy would be a lie. Slot values are shared
between patterns, so the held-out figure still flatters a little; the separate hand-written
check_enquiries.tsv has neither patterns nor slots.
Deterministic (fixed seed): re-running rewrites the same file.
"""

from __future__ import annotations

import random
from pathlib import Path

HERE = Path(__file__).parent
FILLS_PER_PATTERN = 25

# Per department: name, problems (something wrong), services (something to ask about), ideas
# (something to propose), goods (something done well), needs (a hardship), news (a neutral fact).
DEPARTMENTS = {
    "财政": dict(
        dept=["县财政局", "财政局", "财政部门"],
        problem=[
            "惠农补贴拖了半年还没发到卡上",
            "预算公开表格根本打不开",
            "补助资金被村里截留了",
            "报账材料来回退了五次",
        ],
        service=[
            "惠农补贴什么时候发放",
            "政府采购供应商怎么注册",
            "预算公开在哪里查看",
            "非税收入票据怎么打印",
        ],
        idea=["把惠农补贴发放明细按村公开", "预算报表提供可下载的电子表格"],
        good=["补贴当天就打到了卡上", "预算公开做得清清楚楚"],
        need=["家里遭灾补贴迟迟没到手", "垫付的工程款一直拿不回来"],
        news=["今年一般公共预算收入同比增长", "财政局公布了上半年预算执行情况"],
    ),
    "住建": dict(
        dept=["县住建局", "住建局", "住建部门"],
        problem=[
            "小区电梯三天两头困人",
            "楼顶漏水一年了没人修",
            "工地半夜还在打桩吵得睡不着",
            "开发商逾期两年不交房",
        ],
        service=[
            "老旧小区改造怎么报名",
            "公租房申请需要哪些材料",
            "物业维修资金怎么申请使用",
            "商品房网签备案怎么查询",
        ],
        idea=["老旧小区加装电梯简化审批", "工地夜间施工提前在小区公示"],
        good=["老旧小区改造后焕然一新", "电梯故障半小时就修好了"],
        need=["房子成了危房一家人没地方住", "冬天暖气不热家里老人冻病了"],
        news=["县住建局开展建筑工地安全检查", "今年计划改造老旧小区十二个"],
    ),
    "教育": dict(
        dept=["县教育局", "教育局", "学校"],
        problem=[
            "学校食堂饭菜里吃出了虫子",
            "校车超载严重孩子挤着站",
            "老师变相收补课费",
            "学校强制家长买指定教辅",
        ],
        service=[
            "小学入学报名需要什么材料",
            "随迁子女怎么办理入学",
            "课后服务怎么收费",
            "中考加分政策在哪里查",
        ],
        idea=["学校门口上下学时段安排交警疏导", "课后服务增加体育和阅读课程"],
        good=["学校新建的塑胶操场孩子们很喜欢", "老师家访很用心"],
        need=["孩子患重病需要休学又怕耽误学籍", "家里困难交不起孩子的住宿费"],
        news=["县教育局公布今年义务教育招生方案", "全县中小学开展防溺水安全教育"],
    ),
    "卫健": dict(
        dept=["县卫健委", "卫健委", "县医院"],
        problem=["县医院挂号排队三个小时", "医生态度恶劣不耐烦", "卫生院药房经常缺药", "诊所无证行医没人管"],
        service=[
            "新冠疫苗加强针在哪里打",
            "出生医学证明怎么补办",
            "家庭医生签约怎么办理",
            "孕前检查是不是免费",
        ],
        idea=["县医院开通夜间门诊", "乡镇卫生院配备更多全科医生"],
        good=["县医院急诊抢救及时救回了父亲", "家庭医生上门随访很贴心"],
        need=["母亲突发重病急需转院", "孩子罕见病医药费负担不起"],
        news=["县卫健委开展义诊进乡村活动", "县医院新建的住院楼投入使用"],
    ),
    "交通": dict(
        dept=["县交通运输局", "交通局", "交通部门"],
        problem=[
            "乡道坑坑洼洼半年没修",
            "公交车经常不按时发车",
            "黑出租在车站拉客宰客",
            "货车超载把新修的路压坏了",
        ],
        service=[
            "农村客运班车时刻表在哪查",
            "网约车驾驶员证怎么考",
            "道路运输证年审怎么办理",
            "公交卡老年卡怎么办",
        ],
        idea=["增开到工业园区的公交线路", "在学校附近路段增设减速带"],
        good=["新修的通村公路又平又宽", "公交车司机帮老人搬行李"],
        need=["山路塌方车子被困在半路", "村里没有班车老人看病出不去"],
        news=["县交通运输局部署春运安全工作", "全县新增农村公路六十公里"],
    ),
    "生态环境": dict(
        dept=["县生态环境局", "环保局", "生态环境部门"],
        problem=[
            "化工厂晚上偷偷排放刺鼻废气",
            "河里排污口冒黑水死鱼一片",
            "搅拌站粉尘大得窗户不敢开",
            "养殖场臭味熏得人头疼",
        ],
        service=[
            "环评公示在哪里查看",
            "排污许可证怎么申请",
            "空气质量数据在哪里发布",
            "环境污染举报电话是多少",
        ],
        idea=["在河道排污口安装在线监测", "公开重点企业的排放数据"],
        good=["河水变清了又能看到白鹭", "环保局接到举报当天就来处理了"],
        need=["井水被污染家里没有干净水喝", "工厂废气让孩子哮喘加重"],
        news=["县生态环境局开展大气污染防治专项检查", "全县空气质量优良天数比例上升"],
    ),
    "市场监管": dict(
        dept=["县市场监管局", "市场监管局", "市场监管部门"],
        problem=["超市卖过期食品", "饭店后厨脏乱差老鼠乱窜", "网购的电器是假货商家不退", "药店卖假药坑老人"],
        service=[
            "个体工商户营业执照怎么办",
            "食品经营许可证需要什么材料",
            "企业年报怎么填报",
            "商标注册去哪里咨询",
        ],
        idea=["农贸市场公示每日抽检结果", "餐饮店推广明厨亮灶"],
        good=["投诉假货三天就给退了款", "办营业执照一次就办好了"],
        need=["买到假药吃出了问题", "被预付卡商家跑路卷走了钱"],
        news=["县市场监管局开展食品安全抽检", "县市场监管局公布一批不合格产品"],
    ),
    "人社": dict(
        dept=["县人社局", "人社局", "人社部门"],
        problem=[
            "老板拖欠工资半年不给",
            "社保断缴单位不管",
            "劳动仲裁立案拖了三个月",
            "招聘会上的企业虚假招工",
        ],
        service=[
            "失业保险金怎么申领",
            "社保卡丢了怎么补办",
            "灵活就业人员社保怎么缴",
            "职业技能培训补贴怎么申请",
        ],
        idea=["在乡镇设置社保自助服务机", "招聘信息在网上集中公布"],
        good=["讨薪问题人社局一周就帮我们解决了", "社保卡补办当场就拿到了"],
        need=["工地受伤老板不管医药费", "失业半年家里揭不开锅"],
        news=["县人社局举办春风行动招聘会", "今年城乡居民养老保险待遇提高"],
    ),
    "民政": dict(
        dept=["县民政局", "民政局", "民政部门"],
        problem=["低保评定优亲厚友", "敬老院护工打骂老人", "残疾人补贴被冒领", "婚姻登记处排队太久还乱收费"],
        service=["低保怎么申请", "高龄津贴多少岁可以领", "婚姻登记需要带什么证件", "临时救助申请条件是什么"],
        idea=["社区养老服务中心增加助餐服务", "低保名单按季度张榜公示"],
        good=["社区养老食堂让老人吃上了热饭", "民政局及时送来了救助金"],
        need=["丈夫去世后一个人带三个孩子生活困难", "老人独居无人照顾"],
        news=["县民政局开展困难群众走访慰问", "全县新建社区养老服务站八个"],
    ),
    "公安": dict(
        dept=["县公安局", "派出所", "公安部门"],
        problem=[
            "报警后警察一个小时才到",
            "小区电动车接连被盗没人破案",
            "飙车党半夜炸街扰民",
            "办身份证窗口态度冷漠",
        ],
        service=["身份证异地换领怎么办", "户口迁移需要什么手续", "居住证怎么办理", "驾驶证到期换证流程"],
        idea=["在学校周边增加巡逻", "户籍业务开通网上预约"],
        good=["民警帮我找回了走失的孩子", "派出所半天就办好了户口迁移"],
        need=["被电信诈骗骗走了全部积蓄", "家人失联好几天了"],
        news=["县公安局开展夏季治安打击整治行动", "县公安局发布防范电信诈骗提示"],
    ),
    "乡镇": dict(
        dept=["城关镇政府", "镇政府", "村委会"],
        problem=[
            "村里垃圾堆成山没人清运",
            "征地补偿款被村干部克扣",
            "村道路灯坏了一年没人修",
            "宅基地审批拖着不办",
        ],
        service=["农村宅基地怎么申请", "新农合在哪里缴费", "村里的集体收益怎么分配", "危房改造补助怎么申请"],
        idea=["村里建一个文化广场", "在集镇增加公共厕所"],
        good=["镇里修好了村口的桥", "村委会帮忙把滞销的果子卖出去了"],
        need=["暴雨冲垮了房子一家人无处安身", "家里的庄稼被淹颗粒无收"],
        news=["城关镇召开乡村振兴工作推进会", "镇政府组织开展人居环境整治"],
    ),
    "水利": dict(
        dept=["县水利局", "水利局", "水务公司"],
        problem=[
            "自来水发黄有异味",
            "停水三天也不提前通知",
            "河堤年久失修一下雨就漫水",
            "水费莫名其妙翻了一倍",
        ],
        service=["停水通知在哪里看", "取水许可怎么办理", "水费怎么网上缴纳", "防汛期间河道能不能钓鱼"],
        idea=["停水前用短信通知用户", "在河道危险地段设置警示牌"],
        good=["抢修队连夜修好了爆裂的水管", "新建的水厂让全村喝上了干净水"],
        need=["村里的井干了人畜没水喝", "洪水围困了几户人家"],
        news=["县水利局部署汛期防汛工作", "全县农村饮水安全巩固提升工程开工"],
    ),
    "医保": dict(
        dept=["县医保局", "医保局", "医保部门"],
        problem=[
            "异地就医报销跑了五趟还没报",
            "医保卡被人盗刷",
            "定点药店刷医保卡乱收费",
            "报销比例和宣传的不一样",
        ],
        service=[
            "异地就医备案怎么办理",
            "门诊慢特病怎么申请",
            "城乡居民医保怎么缴费",
            "医保报销需要哪些单据",
        ],
        idea=["医保报销开通线上办理", "乡镇卫生院实现门诊直接结算"],
        good=["住院费用出院时就直接结算了", "医保窗口工作人员耐心指导"],
        need=["大病医药费报销后还差十几万", "孩子住院医保卡余额不够"],
        news=["县医保局公布今年居民医保缴费标准", "县医保局开展打击欺诈骗保专项行动"],
    ),
}

PLACES = ["示范县", "城关镇", "东关街道", "河西村", "南山乡", "开发区", "新城小区", "幸福里小区"]

# (sentiment, demand, channel, pattern). Channels: weibo (微博短帖), forum (论坛帖), news (新闻句),
# message (留言/来信).
PATTERNS = [
    # 投诉 — negative
    ("负面", "投诉", "weibo", "{place}{problem}，{dept}到底管不管？"),
    ("负面", "投诉", "weibo", "#{place}# {problem}，打了好几次热线都没用，太气人了"),
    ("负面", "投诉", "weibo", "真是服了，{problem}，@{dept} 请给个说法"),
    (
        "负面",
        "投诉",
        "message",
        "尊敬的领导：我要反映{place}{problem}的问题，多次向{dept}反映没有结果，请严肃处理。",
    ),
    ("负面", "投诉", "message", "投诉{dept}：{problem}，相关人员推诿扯皮，要求追责。"),
    ("负面", "投诉", "message", "本人实名投诉，{place}{problem}，{dept}不作为，希望上级部门督办。"),
    ("负面", "投诉", "forum", "【曝光】{place}{problem}，楼主已经忍了很久了，大家评评理"),
    ("负面", "投诉", "forum", "有没有人管管？{problem}，找{dept}说归我们管不着，踢皮球"),
    ("负面", "投诉", "forum", "楼主{place}居民，{problem}，打12345转给{dept}后就没了下文，失望透顶"),
    ("负面", "投诉", "weibo", "{problem}！{problem2}！{dept}你们的承诺呢？"),
    ("负面", "投诉", "message", "强烈要求{dept}处理：{problem}，已经严重影响我们的正常生活。"),
    ("负面", "投诉", "weibo", "又是这样，{problem}，投诉了也白投诉"),
    ("负面", "投诉", "forum", "吐槽一下{dept}，{problem}，办事效率太低了"),
    ("负面", "投诉", "message", "举报：{place}{problem}，请{dept}尽快查处，还群众一个公道。"),
    ("负面", "投诉", "weibo", "气死了，{problem}，去{dept}窗口反映还被工作人员怼回来"),
    ("负面", "投诉", "news", "有市民反映，{place}{problem}，对此群众意见很大。"),
    # 咨询 — neutral, worded with words that also appear in complaints (问题, 没有, 怎么办 ...)
    ("中性", "咨询", "message", "您好，请问{service}？谢谢。"),
    ("中性", "咨询", "message", "想咨询一下{dept}，{service}，需要本人到场吗？"),
    ("中性", "咨询", "weibo", "请问@{dept} {service}？在线等"),
    ("中性", "咨询", "forum", "求问各位，{service}？第一次办不太清楚流程"),
    ("中性", "咨询", "message", "您好，我是{place}居民，想了解{service}，以及办理时限是多久。"),
    ("中性", "咨询", "message", "请问{service}？网上没有找到相关说明，麻烦告知。"),
    ("中性", "咨询", "forum", "有没有知道的朋友，{service}？去{dept}之前想先问清楚"),
    ("中性", "咨询", "weibo", "问个问题：{service}？"),
    ("中性", "咨询", "message", "领导您好，{service}？另外可以在网上办理吗？"),
    ("中性", "咨询", "message", "咨询{dept}：{service}，如果材料不全怎么办？"),
    ("中性", "咨询", "forum", "请教一下，{service}，需要准备哪些证件，大概几天能办好？"),
    ("中性", "咨询", "message", "您好，我想问一下{service}，办理地点在哪里，工作日几点上班？"),
    ("中性", "咨询", "weibo", "有人知道{service}吗？谢谢指点"),
    ("中性", "咨询", "message", "请问{dept}的咨询电话是多少？想问{service}。"),
    ("中性", "咨询", "forum", "新人报到，想问{place}这边{service}，先谢过各位"),
    ("中性", "咨询", "message", "您好！我的情况比较特殊，{service}？政策上有没有具体规定？"),
    # 建议
    ("中性", "建议", "message", "建议{dept}{idea}，方便群众。"),
    ("中性", "建议", "message", "关于{place}的一点建议：希望{idea}。"),
    ("中性", "建议", "forum", "给{dept}提个建议，能不能{idea}？大家觉得呢"),
    ("中性", "建议", "weibo", "建议 @{dept} {idea}"),
    ("中性", "建议", "message", "作为{place}居民，我建议{idea}，具体可以参考周边县的做法。"),
    ("中性", "建议", "message", "人大代表建议：{idea}，以提升公共服务水平。"),
    ("中性", "建议", "forum", "个人一点想法：{idea}，应该不难实现"),
    ("中性", "建议", "news", "有政协委员提出，{dept}应{idea}。"),
    ("中性", "建议", "message", "希望{dept}考虑一下{idea}，谢谢采纳。"),
    ("中性", "建议", "weibo", "小建议：{idea}，支持的点个赞"),
    ("正面", "建议", "message", "{dept}最近工作很有成效，{good}，建议继续{idea}，为你们点赞。"),
    ("正面", "建议", "forum", "{good}，很满意！再提个小建议，{idea}就更好了"),
    ("正面", "建议", "weibo", "点赞{dept}！{good}。希望还能{idea}"),
    ("负面", "建议", "message", "{problem}，这样下去不行，建议{dept}{idea}。"),
    ("负面", "建议", "forum", "{problem}，真心建议{dept}{idea}，别再敷衍了"),
    ("负面", "建议", "weibo", "{problem}，强烈建议{idea}"),
    # 求助
    ("负面", "求助", "message", "求助！{need}，恳请{dept}帮帮我们。"),
    ("负面", "求助", "weibo", "#{place}# 求助：{need}，不知道该找谁，求转发"),
    ("负面", "求助", "forum", "走投无路了，{need}，有没有好心人告诉我该怎么办"),
    ("负面", "求助", "message", "{dept}领导您好，我是{place}村民，{need}，实在没有办法了，请求帮助。"),
    ("负面", "求助", "weibo", "急！{need}，@{dept} 求救"),
    ("负面", "求助", "forum", "{need}，去{dept}问了说不符合条件，求大家出出主意"),
    ("负面", "求助", "message", "紧急求助：{place}{need}，请尽快派人来看看。"),
    ("负面", "求助", "weibo", "{need}，哭了，谁能帮帮我"),
    ("负面", "求助", "message", "我家{need}，希望{dept}能伸出援手，万分感谢。"),
    ("负面", "求助", "forum", "帮朋友发帖求助：{need}，{place}的朋友能不能帮忙联系{dept}"),
    ("中性", "求助", "message", "您好，{need}，想申请帮助，请问应该向{dept}提交什么材料？"),
    ("中性", "求助", "message", "请求{dept}协助：{need}，能否安排工作人员上门了解情况。"),
    ("中性", "求助", "forum", "{need}，听说可以找{dept}申请救助，有办过的朋友吗"),
    ("中性", "求助", "weibo", "帮家里问一下，{need}，{dept}能提供什么帮助"),
    ("中性", "求助", "message", "{dept}您好，{need}，请问有没有相关帮扶政策可以申请？"),
    # 其他 — praise
    ("正面", "其他", "weibo", "为{dept}点赞！{good}"),
    ("正面", "其他", "message", "感谢{dept}，{good}，真心为你们的工作点赞。"),
    ("正面", "其他", "forum", "说句公道话，{good}，{dept}这次真给力"),
    ("正面", "其他", "weibo", "{good}，幸福感满满 #{place}#"),
    ("正面", "其他", "message", "写信表扬{dept}的工作人员，{good}，服务热情周到。"),
    ("正面", "其他", "forum", "晒晒家乡变化：{good}，{place}越来越好了"),
    ("正面", "其他", "weibo", "没想到{good}，{dept}效率真高，赞"),
    ("正面", "其他", "news", "{place}群众纷纷表示，{good}，获得感明显增强。"),
    ("正面", "其他", "message", "特此致谢：{good}，感谢{dept}为民办实事。"),
    ("正面", "其他", "forum", "今天必须夸一夸{dept}，{good}"),
    ("正面", "其他", "weibo", "{good}！给{place}的{dept}送锦旗去了"),
    ("正面", "其他", "news", "{dept}的做法得到了群众好评，{good}。"),
    # 其他 — neutral news and notices
    ("中性", "其他", "news", "{news}。"),
    ("中性", "其他", "news", "近日，{news}，相关工作正在有序推进。"),
    ("中性", "其他", "news", "记者从{dept}获悉，{news}。"),
    ("中性", "其他", "weibo", "【通知】{news}，详情见{dept}官网"),
    ("中性", "其他", "news", "{place}讯：{news}。"),
    ("中性", "其他", "forum", "转发一条消息：{news}"),
    ("中性", "其他", "news", "据{dept}消息，{news}，下一步将继续抓好落实。"),
    ("中性", "其他", "weibo", "{news} #{place}#"),
    ("中性", "其他", "news", "本周，{news}，{dept}有关负责人出席。"),
    ("中性", "其他", "forum", "{place}今天的新闻：{news}，大家看看"),
    # 其他 — negative opinion without a demand (rumour, venting, criticism)
    ("负面", "其他", "weibo", "听说{place}{problem}，真是让人寒心"),
    ("负面", "其他", "forum", "网传{place}{problem}，有没有知情人说说，感觉不太对劲"),
    ("负面", "其他", "weibo", "唉，{problem}，这地方没救了"),
    ("负面", "其他", "news", "网民发帖称{place}{problem}，引发大量转发和评论。"),
    ("负面", "其他", "forum", "看到{problem}的帖子，心里很不是滋味"),
    ("负面", "其他", "weibo", "{dept}又上热搜了，{problem}，丢人"),
]


def fill(pattern: str, dept: dict, rng: random.Random) -> str:
    problems = rng.sample(dept["problem"], 2)
    return pattern.format(
        dept=rng.choice(dept["dept"]),
        place=rng.choice(PLACES),
        problem=problems[0],
        problem2=problems[1],
        service=rng.choice(dept["service"]),
        idea=rng.choice(dept["idea"]),
        good=rng.choice(dept["good"]),
        need=rng.choice(dept["need"]),
        news=rng.choice(dept["news"]),
    )


def rows(seed: int = 20261203) -> list[tuple[int, str, str, str, str]]:
    rng = random.Random(seed)
    departments = list(DEPARTMENTS.values())
    out = []
    for group, (sentiment, demand, channel, pattern) in enumerate(PATTERNS, start=1):
        seen = set()
        for _ in range(FILLS_PER_PATTERN * 4):
            text = fill(pattern, rng.choice(departments), rng)
            if text not in seen:
                seen.add(text)
                out.append((group, sentiment, demand, channel, text))
            if len(seen) == FILLS_PER_PATTERN:
                break
    return out


def main() -> None:
    lines = ["group\tsentiment\tdemand\tchannel\ttext"]
    lines += ["\t".join(map(str, row)) for row in rows()]
    (HERE / "opinion.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 1} rows from {len(PATTERNS)} patterns")


if __name__ == "__main__":
    main()
