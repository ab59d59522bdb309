//! Actor recognition on short English and Chinese texts: which mentions are found and which
//! actor each resolves to. One table; every case runs, and the test fails once with the list of
//! the cases that failed. Cases marked `known_gap` are skipped, counted and listed: each names a
//! recogniser change that would fix it.

use attrib::lexicon::Lexicon;
use attrib::recognize::recognize;
use attrib::segment::segment;

struct Case {
    name: &'static str,
    text: &'static str,
    /// (surface, actor id) pairs that must all be found (a pair listed twice must be found twice).
    /// With `expect` and `forbid` both empty, the text must yield no mention at all.
    expect: &'static [(&'static str, &'static str)],
    /// Actor ids that must not be found.
    forbid: &'static [&'static str],
    /// Non-empty: a known gap of the recogniser (needs a code change); the case is not run.
    known_gap: &'static str,
}

const C: Case = Case { name: "", text: "", expect: &[], forbid: &[], known_gap: "" };

#[rustfmt::skip]
const CASES: &[Case] = &[
    // ---------------------------------------------------------------- possessives and full names
    Case { name: "possessive_mss", text: "China's Ministry of State Security said the intrusion was traced to servers in Taiwan.",
        expect: &[("China's Ministry of State Security", "cn-mss"), ("Taiwan", "tw")], ..C },
    Case { name: "possessive_mss_curly", text: "China\u{2019}s Ministry of State Security published the names of three suspects.",
        expect: &[("China\u{2019}s Ministry of State Security", "cn-mss")], ..C },
    Case { name: "possessive_defence_ministry_curly", text: "Taiwan\u{2019}s defence ministry rejected the accusation on Tuesday.",
        expect: &[("Taiwan\u{2019}s defence ministry", "tw-mnd")], forbid: &["cn-ministry-of-national-defense"], ..C },
    Case { name: "possessive_defense_ministry_straight", text: "Taiwan's defense ministry called the report fabricated.",
        expect: &[("Taiwan's defense ministry", "tw-mnd")], ..C },
    Case { name: "possessive_national_security_ministry", text: "China\u{2019}s national security ministry posted screenshots of chat logs on its WeChat account.",
        expect: &[("China\u{2019}s national security ministry", "cn-mss"), ("its", "cn-mss")], ..C },
    Case { name: "possessive_mnd_full_name_and_it", text: "Taiwan's Ministry of National Defense said it had never ordered any cyber operation.",
        expect: &[("Taiwan's Ministry of National Defense", "tw-mnd"), ("it", "tw-mnd")], ..C },
    Case { name: "possessive_north_korea_mss", text: "North Korea's Ministry of State Security runs its own network of informants.",
        expect: &[("North Korea's Ministry of State Security", "kp-mss")], forbid: &["cn-mss"], ..C },
    Case { name: "possessive_russia_gru", text: "Prosecutors said the officers belonged to Russia's GRU.",
        expect: &[("Russia's GRU", "ru-gru")], ..C },
    Case { name: "possessive_beijing_foreign_ministry", text: "Beijing's foreign ministry called the sanctions an act of bullying.",
        expect: &[("Beijing's foreign ministry", "cn-ministry-of-foreign-affairs")], ..C },
    Case { name: "possessive_russia_foreign_ministry", text: "Russia's foreign ministry dismissed the charges against the hackers.",
        expect: &[("Russia's foreign ministry", "ru-ministry-of-foreign-affairs")], ..C },
    Case { name: "possessive_uk_ncsc", text: "The UK's National Cyber Security Centre published an advisory about the routers.",
        expect: &[("UK's National Cyber Security Centre", "gb-ncsc")], ..C },
    Case { name: "possessive_iran_irgc", text: "Iran's Islamic Revolutionary Guard Corps was named in the indictment.",
        expect: &[("Iran's Islamic Revolutionary Guard Corps", "ir-irgc")], ..C },
    Case { name: "taiwan_defense_ministry_no_apostrophe", text: "A spokesman for the Taiwan defense ministry said the claims were baseless.",
        expect: &[("Taiwan defense ministry", "tw-mnd")], ..C },
    Case { name: "role_vietnam_defence_ministry", text: "Vietnam's defence ministry said its email servers had been probed.",
        expect: &[("Vietnam's defence ministry", "vn-ministry-of-national-defence")], ..C },
    Case { name: "role_canada_defence_department", text: "Canada's defence department confirmed the phishing attempt.",
        expect: &[("Canada's defence department", "ca-dnd")], ..C },
    Case { name: "role_pakistan_military", text: "Pakistan's military said Indian hackers had targeted its officers.",
        expect: &[("Pakistan's military", "pk-ispr"), ("Indian hackers", "u-in-linked-group")], ..C },
    Case { name: "role_india_foreign_ministry", text: "India's foreign ministry rejected the report on the hacking campaign.",
        expect: &[("India's foreign ministry", "in-mea")], ..C },
    Case { name: "role_germany_foreign_ministry", text: "Germany's foreign ministry summoned the Russian ambassador over the cyberattack.",
        expect: &[("Germany's foreign ministry", "de-federal-foreign-office")], ..C },
    Case { name: "role_russia_state_security_agency", text: "Russia's state security agency claimed it had foiled a Ukrainian hacking plot.",
        expect: &[("Russia's state security agency", "ru-fsb")], ..C },
    Case { name: "role_of_state_after", text: "The foreign ministry of Russia summoned the ambassador over the hacking allegations.",
        expect: &[("The foreign ministry of Russia", "ru-ministry-of-foreign-affairs")], ..C },
    Case { name: "government_in_taipei", text: "Hackers targeted the government in Taipei with a wave of phishing emails.",
        expect: &[("the government in Taipei", "tw")], ..C },

    // ---------------------------------------------------------------- demonyms
    Case { name: "demonym_chinese_hackers", text: "Chinese hackers broke into the network of a Taiwanese chipmaker.",
        expect: &[("Chinese hackers", "u-cn-linked-group")], forbid: &["cn", "tw"], ..C },
    Case { name: "demonym_chinese_officials", text: "Chinese officials dismissed the report as a smear campaign.",
        expect: &[("Chinese officials", "cn")], forbid: &["u-cn-linked-group"], ..C },
    Case { name: "demonym_chinese_government", text: "The Chinese government has repeatedly denied any role in hacking.",
        expect: &[("Chinese government", "cn")], forbid: &["u-cn-linked-group"], ..C },
    Case { name: "demonym_russian_hackers", text: "Investigators believe Russian hackers planted the wiper.",
        expect: &[("Russian hackers", "u-ru-linked-group")], forbid: &["ru"], ..C },
    Case { name: "demonym_north_korean_hackers", text: "North Korean hackers stole cryptocurrency worth millions of dollars.",
        expect: &[("North Korean hackers", "u-kp-linked-group")], forbid: &["kp"], ..C },
    Case { name: "demonym_russia_linked", text: "A Russia-linked group compromised the mail servers of a ministry in Kyiv.",
        expect: &[("Russia-linked group", "u-ru-linked-group"), ("Kyiv", "ua")], ..C },
    Case { name: "demonym_china_nexus", text: "Analysts described a China-nexus threat actor exploiting edge devices.",
        expect: &[("China-nexus threat actor", "u-cn-linked-group")], forbid: &["cn"], ..C },
    Case { name: "demonym_beijing_backed", text: "The report blamed a Beijing-backed group for the intrusion.",
        expect: &[("Beijing-backed group", "u-cn-linked-group")], forbid: &["cn"], ..C },
    Case { name: "demonym_state_sponsored", text: "Chinese state-sponsored hackers targeted telecom operators across Asia.",
        expect: &[("Chinese state-sponsored hackers", "u-cn-linked-group")], ..C },
    Case { name: "demonym_american_officials", text: "American officials said the intrusions had been contained.",
        expect: &[("American officials", "us")], ..C },
    Case { name: "demonym_taiwanese_authorities", text: "Taiwanese authorities said the leaked files were forged.",
        expect: &[("Taiwanese authorities", "tw")], ..C },
    Case { name: "demonym_north_korean_regime", text: "Sanctions aim to cut off funds that the North Korean regime raises through cyber theft.",
        expect: &[("North Korean regime", "kp")], ..C },
    Case { name: "demonym_communist_military", text: "Taipei warned that the Chinese communist military was probing its networks.",
        expect: &[("Taipei", "tw"), ("Chinese communist military", "cn-pla")], ..C },
    Case { name: "demonym_chinese_side", text: "The Chinese side lodged stern representations over the hacking accusation.",
        expect: &[("Chinese side", "cn")], ..C },
    Case { name: "us_officials_acronym", text: "US officials said the breach exposed sensitive data.",
        expect: &[("US officials", "us")], ..C },
    Case { name: "pro_russian_not_linked", text: "Pro-Russian hacktivists flooded Czech government websites with junk traffic.",
        expect: &[], forbid: &["u-ru-linked-group", "ru"], ..C },

    // ---------------------------------------------------------------- metonyms
    Case { name: "metonym_beijing", text: "Beijing denied the allegations and called them groundless.",
        expect: &[("Beijing", "cn")], ..C },
    Case { name: "metonym_kremlin", text: "The Kremlin declined to comment on the hacking claims.",
        expect: &[("The Kremlin", "ru")], ..C },
    Case { name: "metonym_pyongyang", text: "Pyongyang has never admitted to the cryptocurrency thefts.",
        expect: &[("Pyongyang", "kp")], ..C },
    Case { name: "metonym_washington_moscow", text: "Washington accused Moscow of meddling in the vote through hack-and-leak operations.",
        expect: &[("Washington", "us"), ("Moscow", "ru")], ..C },
    Case { name: "metonym_meifang_zhongfang", text: "美方多次无端指责中方实施网络攻击。",
        expect: &[("美方", "us"), ("中方", "cn")], ..C },
    Case { name: "metonym_taiwan_authorities_zh", text: "台湾当局长期豢养网军，对大陆进行网络渗透。",
        expect: &[("台湾当局", "tw")], forbid: &["tw-icefcom"], ..C },
    Case { name: "metonym_taiwan_authorities_zh_alone", text: "台湾当局否认与该事件有关。",
        expect: &[("台湾当局", "tw")], ..C },
    Case { name: "metonym_dpp_authorities_trad", text: "民進黨當局否認與該駭客組織有任何關聯。",
        expect: &[("民進黨當局", "tw")], ..C },
    Case { name: "washington_post_not_us", text: "The Washington Post first reported the breach on Friday.",
        expect: &[("The Washington Post", "o-washington-post")], forbid: &["us"], ..C },

    // ---------------------------------------------------------------- acronyms and case
    Case { name: "acronym_mss", text: "The MSS recruited the contractors, according to the indictment.",
        expect: &[("MSS", "cn-mss")], ..C },
    Case { name: "acronym_gru", text: "Officials linked the operation to the GRU and its hacking units.",
        expect: &[("GRU", "ru-gru")], ..C },
    Case { name: "acronym_nsa_gchq", text: "The NSA and GCHQ shared the indicators with allies.",
        expect: &[("NSA", "us-nsa"), ("GCHQ", "gb-gchq")], ..C },
    Case { name: "acronym_pla_next_to_lowercase", text: "Prosecutors said PLA officers wrote the malware.",
        expect: &[("PLA", "cn-pla")], ..C },
    Case { name: "acronym_cia_fbi", text: "Both the CIA and the FBI declined to comment.",
        expect: &[("CIA", "us-cia"), ("FBI", "us-fbi")], ..C },
    Case { name: "acronym_nsa_before_han", text: "NSA发布报告称，中国黑客入侵了美国电网。",
        expect: &[("NSA", "us-nsa"), ("中国黑客", "u-cn-linked-group"), ("美国", "us")], ..C },
    Case { name: "acronym_dprk", text: "The DPRK has used stolen funds to finance its weapons programme.",
        expect: &[("DPRK", "kp"), ("its", "kp")], ..C },
    Case { name: "apt_number_any_case", text: "A university lab has tracked apt31 for years.",
        expect: &[("apt31", "g-zirconium")], ..C },
    Case { name: "lowercase_mss_ignored", text: "The mss service was named in a report on hacking by the GRU.",
        expect: &[("GRU", "ru-gru")], forbid: &["cn-mss", "kp-mss"], ..C },
    Case { name: "lowercase_nsa_ignored", text: "The nsa directory on the hacked server held configuration files.",
        expect: &[], forbid: &["us-nsa"], ..C },

    // ---------------------------------------------------------------- ambiguous aliases
    Case { name: "cobalt_cyber", text: "Researchers tied the bank intrusions to Cobalt, which relied on phishing emails.",
        expect: &[("Cobalt", "g-cobalt-group")], ..C },
    Case { name: "cobalt_group_full_name", text: "Spanish police arrested the suspected leader of the Cobalt Group.",
        expect: &[("Cobalt Group", "g-cobalt-group")], ..C },
    Case { name: "equation_cyber", text: "Kaspersky said the implant resembled tools used by Equation in earlier espionage campaigns.",
        expect: &[("Kaspersky", "o-kaspersky"), ("Equation", "g-equation")], ..C },
    Case { name: "equation_group_name", text: "The Shadow Brokers leaked exploits said to come from the Equation Group.",
        expect: &[("Equation Group", "g-equation")], ..C },
    Case { name: "sidewinder_cyber", text: "A phishing campaign aimed at naval officers in Pakistan was attributed to Sidewinder.",
        expect: &[("Pakistan", "pk"), ("Sidewinder", "g-sidewinder")], ..C },
    Case { name: "sidewinder_missile", text: "The jet carried two Sidewinder missiles during the exercise.",
        expect: &[], ..C },
    Case { name: "lead_group_word_ambiguity", text: "Microsoft tracks the LEAD group, which overlaps with Winnti.",
        expect: &[("Microsoft", "o-microsoft"), ("LEAD", "g-apt41"), ("Winnti", "g-apt41")], ..C },
    Case { name: "short_alias_with_group_noun", text: "The SEA hackers defaced the news agency's website.",
        expect: &[("SEA", "g-deadeye-jackal")], ..C },
    Case { name: "snake_cyber", text: "The FSB used the Snake malware to steal documents from NATO members for two decades.",
        expect: &[("FSB", "ru-fsb"), ("Snake", "g-turla"), ("NATO", "nato")], ..C },
    Case { name: "play_ransomware", text: "The Play ransomware gang leaked the city's payroll files.",
        expect: &[("Play", "g-play")], ..C },
    Case { name: "fangchengshi_cyber_zh", text: "报告称，方程式组织长期利用漏洞入侵多国网络。",
        expect: &[("方程式组织", "g-equation")], ..C },
    Case { name: "xiangweishe_cyber_zh", text: "安全厂商发现，响尾蛇组织向巴基斯坦军方发送钓鱼邮件。",
        expect: &[("响尾蛇", "g-sidewinder"), ("巴基斯坦军方", "pk-ispr")], ..C },

    // ---------------------------------------------------------------- gazetteer groups
    Case { name: "group_apt31", text: "The accused hackers were part of APT31, also called Violet Typhoon.",
        expect: &[("APT31", "g-zirconium"), ("Violet Typhoon", "g-zirconium")], ..C },
    Case { name: "group_anonymous64", text: "Anonymous64 claimed it had access to dozens of government websites.",
        expect: &[("Anonymous64", "g-anonymous64"), ("it", "g-anonymous64")], ..C },
    Case { name: "group_anonymous64_zh", text: "国家安全部公布了匿名者64三名成员的身份信息。",
        expect: &[("国家安全部", "cn-mss"), ("匿名者64", "g-anonymous64")], ..C },
    Case { name: "group_volt_typhoon_and_reference", text: "Volt Typhoon has burrowed into US utilities. The group relies on living-off-the-land techniques.",
        expect: &[("Volt Typhoon", "g-volt-typhoon"), ("US", "us"), ("The group", "g-volt-typhoon")], ..C },
    Case { name: "group_volt_typhoon_zh", text: "中方指出，所谓伏特台风是美方炮制的虚假叙事。",
        expect: &[("中方", "cn"), ("伏特台风", "g-volt-typhoon"), ("美方", "us")], ..C },
    Case { name: "role_us_intelligence_zh", text: "中方指出，伏特台风实为美方情报机构策划的行动。",
        expect: &[("伏特台风", "g-volt-typhoon"), ("美方情报机构", "us-nsa")], forbid: &["us"], ..C },
    Case { name: "group_sandworm_they", text: "Sandworm hit the power grid again last winter. They used a new wiper against substations.",
        expect: &[("Sandworm", "g-sandworm-team"), ("They", "g-sandworm-team")], ..C },
    Case { name: "group_lazarus", text: "The FBI blamed the Lazarus Group for the theft of the tokens.",
        expect: &[("FBI", "us-fbi"), ("Lazarus Group", "g-lazarus-group")], ..C },
    Case { name: "group_fancy_cozy_bear", text: "Both Fancy Bear and Cozy Bear were inside the committee's network.",
        expect: &[("Fancy Bear", "g-apt28"), ("Cozy Bear", "g-apt29")], ..C },
    Case { name: "group_salt_typhoon_zh_trad", text: "美國指控中國駭客組織鹽颱風入侵多家電信業者。",
        expect: &[("美國", "us"), ("鹽颱風", "g-salt-typhoon")], ..C },
    Case { name: "group_kimsuky_with_state", text: "Kimsuky, which South Korea ties to Pyongyang, sent fake job offers to researchers.",
        expect: &[("Kimsuky", "g-kimsuky"), ("South Korea", "kr"), ("Pyongyang", "kp")], ..C },
    Case { name: "group_noname_parentheses", text: "NoName057(16) claimed the DDoS attacks on Danish ports.",
        expect: &[("NoName057(16)", "g-noname057-16")], ..C },
    Case { name: "group_apt40_mss", text: "Australia said APT40 acts on behalf of the MSS.",
        expect: &[("Australia", "au"), ("APT40", "g-leviathan"), ("MSS", "cn-mss")], ..C },

    // ---------------------------------------------------------------- learned group names
    Case { name: "learn_called_and_later_use", text: "A hacking group called Night Owl Brigade claimed the outage. Night Owl Brigade later posted stolen files.",
        expect: &[("Night Owl Brigade", "l-night-owl-brigade"), ("Night Owl Brigade", "l-night-owl-brigade")], ..C },
    Case { name: "learn_calling_themselves", text: "Hackers calling themselves Red Lantern Cell defaced dozens of school websites.",
        expect: &[("Red Lantern Cell", "l-red-lantern-cell")], ..C },
    Case { name: "learn_known_as", text: "The group, known as Silver Monsoon, has targeted shipping firms since 2021.",
        expect: &[("Silver Monsoon", "l-silver-monsoon")], ..C },
    Case { name: "learn_dubbed_by_researchers", text: "A group dubbed Glass Heron by researchers stole design documents from drone makers.",
        expect: &[("Glass Heron", "l-glass-heron")], ..C },
    Case { name: "learn_apposition_pro_russian", text: "Sector 9 Legion, a pro-Russian hacktivist group, claimed the DDoS attacks on Lithuanian banks.",
        expect: &[("Sector 9 Legion", "l-sector-9-legion")], ..C },
    Case { name: "learn_apposition_mid_clause", text: "The attack was claimed by Storm Riders of Aral, a hacker collective.",
        expect: &[("Storm Riders of Aral", "l-storm-riders-of-aral")], ..C },
    Case { name: "learn_then_the_hackers", text: "Hackers calling themselves Frost Lynx Team leaked voter rolls. The hackers said more data would follow.",
        expect: &[("Frost Lynx Team", "l-frost-lynx-team"), ("The hackers", "l-frost-lynx-team")], ..C },
    Case { name: "learn_quoted_name", text: "A hacktivist collective named \u{201c}Digital Spear\u{201d} said it had wiped the servers.",
        expect: &[("Digital Spear", "l-digital-spear"), ("it", "l-digital-spear")], ..C },
    Case { name: "learn_goes_by", text: "A ransomware gang that goes by Quartz Wolves encrypted the hospital's records. Quartz Wolves demanded two million dollars.",
        expect: &[("Quartz Wolves", "l-quartz-wolves"), ("Quartz Wolves", "l-quartz-wolves")], ..C },
    Case { name: "learn_known_name_not_relearned", text: "A group called APT28 was behind the phishing wave, officials said.",
        expect: &[("APT28", "g-apt28")], forbid: &["l-apt28"], ..C },
    Case { name: "learn_zh_zicheng", text: "一个自称\u{201c}黑曜石联盟\u{201d}的黑客组织宣称入侵了多家医院的系统。该组织还公布了患者资料。",
        expect: &[("黑曜石联盟", "l-黑曜石联盟"), ("该组织", "l-黑曜石联盟")], ..C },
    Case { name: "learn_zh_trad_corner_quotes", text: "一個自稱「暗夜騎士團」的駭客組織聲稱癱瘓了政府網站。暗夜騎士團隨後公布了截圖。",
        expect: &[("暗夜騎士團", "l-暗夜騎士團"), ("暗夜騎士團", "l-暗夜騎士團")], ..C },
    Case { name: "learn_zh_mingwei", text: "一个名为\u{201c}蓝色海豚\u{201d}的黑客组织对台湾多所大学发动攻击。",
        expect: &[("蓝色海豚", "l-蓝色海豚"), ("台湾", "tw")], ..C },
    Case { name: "learn_self_styled", text: "The outage was claimed by a hacker collective, the self-styled Storm Riders of Aral.",
        expect: &[("Storm Riders of Aral", "l-storm-riders-of-aral")], ..C },
    Case { name: "learn_which_calls_itself", text: "A hacker crew which calls itself Paper Tigers leaked emails of the mayor.",
        expect: &[("Paper Tigers", "l-paper-tigers")], ..C },

    // ---------------------------------------------------------------- references
    Case { name: "ref_ministry_not_group", text: "China's Ministry of State Security accused Taiwanese hackers of the attack. The ministry said it had traced their servers.",
        expect: &[("China's Ministry of State Security", "cn-mss"), ("Taiwanese hackers", "u-tw-linked-group"), ("The ministry", "cn-mss"), ("it", "cn-mss")], ..C },
    Case { name: "ref_their_plural", text: "China's Ministry of State Security accused Taiwanese hackers of the attack. The ministry said it had traced their servers.",
        expect: &[("their", "u-tw-linked-group")], forbid: &[], ..C },
    Case { name: "ref_department", text: "China\u{2019}s national security ministry named four suspects. The department offered a reward for tips.",
        expect: &[("China\u{2019}s national security ministry", "cn-mss"), ("The department", "cn-mss")], ..C },
    Case { name: "ref_group_after_ministry", text: "Anonymous64 claimed it hacked government websites. China's Ministry of State Security named the group's members. The ministry called them separatists.",
        expect: &[("Anonymous64", "g-anonymous64"), ("it", "g-anonymous64"), ("China's Ministry of State Security", "cn-mss"), ("the group", "g-anonymous64"), ("The ministry", "cn-mss")], ..C },
    Case { name: "ref_the_hackers_unnamed", text: "Chinese hackers breached a water utility in Guam. The hackers stayed hidden for months.",
        expect: &[("Chinese hackers", "u-cn-linked-group"), ("The hackers", "u-cn-linked-group")], ..C },
    Case { name: "ref_the_agency", text: "CISA warned utilities about the flaw. The agency urged operators to patch within a week.",
        expect: &[("CISA", "us-cisa"), ("The agency", "us-cisa")], ..C },
    Case { name: "ref_the_bureau", text: "The FBI seized the domains on Thursday. The bureau said the sites hosted malware.",
        expect: &[("FBI", "us-fbi"), ("The bureau", "us-fbi")], ..C },
    Case { name: "ref_it_vendor", text: "Mandiant published its report on Tuesday. It said the intrusions began in March.",
        expect: &[("Mandiant", "o-mandiant"), ("its", "o-mandiant"), ("It", "o-mandiant")], ..C },
    Case { name: "ref_the_company", text: "Microsoft disclosed the breach late on Friday. The company said no customer data was taken.",
        expect: &[("Microsoft", "o-microsoft"), ("The company", "o-microsoft")], ..C },
    Case { name: "ref_the_group_not_state", text: "Taiwan's defence ministry said Anonymous64 had no ties to the armed forces. The group has not responded.",
        expect: &[("Taiwan's defence ministry", "tw-mnd"), ("Anonymous64", "g-anonymous64"), ("The group", "g-anonymous64")], ..C },
    Case { name: "ref_the_command", text: "Taiwan's Information, Communications and Electronic Force Command was accused of hiring hackers. The command rejected the claim.",
        expect: &[("Taiwan's Information, Communications and Electronic Force Command", "tw-icefcom"), ("The command", "tw-icefcom")], ..C },
    Case { name: "ref_gaizuzhi", text: "APT41曾多次攻击台湾的游戏公司。该组织还窃取了源代码。",
        expect: &[("APT41", "g-apt41"), ("台湾", "tw"), ("该组织", "g-apt41")], ..C },
    Case { name: "ref_gaizuzhi_trad", text: "資安公司指出，Mustang Panda鎖定東南亞政府。該組織使用客製化惡意程式。",
        expect: &[("Mustang Panda", "g-mustang-panda"), ("該組織", "g-mustang-panda")], ..C },
    Case { name: "ref_gaibu", text: "国家安全部发布通报称，境外间谍情报机关针对我国开展网络攻击。该部提醒公众提高警惕。",
        expect: &[("国家安全部", "cn-mss"), ("该部", "cn-mss")], ..C },
    Case { name: "ref_the_military_role", text: "Beijing said Taiwan's military ran a hacking unit. The military called the claim absurd.",
        expect: &[("Beijing", "cn"), ("Taiwan's military", "tw-mnd"), ("The military", "tw-mnd")], ..C },
    Case { name: "ref_they_unnamed_group", text: "Iranian hackers hit an Israeli water facility. They posted photos of the control panel.",
        expect: &[("Iranian hackers", "u-ir-linked-group"), ("They", "u-ir-linked-group")], ..C },
    Case { name: "ref_spokesperson_zh", text: "中国外交部发言人表示，中方坚决反对一切形式的网络攻击。",
        expect: &[("中国外交部", "cn-ministry-of-foreign-affairs"), ("中方", "cn")], ..C },

    // ---------------------------------------------------------------- descriptive names of bodies
    Case { name: "desc_mss_bare", text: "The Ministry of State Security said the attacks hit the earthquake monitoring network.",
        expect: &[("Ministry of State Security", "cn-mss")], ..C },
    Case { name: "desc_mss_kp_context", text: "North Korea rejected the report. The Ministry of State Security also arrested two officials.",
        expect: &[("North Korea", "kp"), ("Ministry of State Security", "kp-mss")], forbid: &["cn-mss"], ..C },
    Case { name: "desc_mofa_tw_context", text: "Taiwan rejected the hacking claims. The Ministry of Foreign Affairs called them disinformation.",
        expect: &[("Taiwan", "tw"), ("Ministry of Foreign Affairs", "tw-mofa")], ..C },
    Case { name: "desc_icefcom_full", text: "Beijing accused the Information, Communications and Electronic Force Command of running the operation.",
        expect: &[("Beijing", "cn"), ("Information, Communications and Electronic Force Command", "tw-icefcom")], ..C },
    Case { name: "desc_icefcom_acronym", text: "ICEFCOM was set up in 2017 to defend military networks.",
        expect: &[("ICEFCOM", "tw-icefcom")], ..C },
    Case { name: "desc_guojiaanquanbu", text: "国家安全部披露，台湾资通电军雇佣黑客组织攻击大陆目标。",
        expect: &[("国家安全部", "cn-mss"), ("台湾资通电军", "tw-icefcom")], ..C },
    Case { name: "desc_zhongguo_guoanbu_trad", text: "中國國家安全部指稱，資通電軍曾資助駭客組織。",
        expect: &[("中國國家安全部", "cn-mss"), ("資通電軍", "tw-icefcom")], ..C },
    Case { name: "desc_guofangbu_tw_context", text: "中共指控台灣軍方發動網攻。國防部今日嚴正否認。",
        expect: &[("中共", "cn-ccp"), ("台灣軍方", "tw-mnd"), ("國防部", "tw-mnd")], forbid: &["cn-ministry-of-national-defense"], ..C },
    Case { name: "desc_taiwan_guofangbu_joined", text: "臺灣國防部表示，從未授權任何駭客組織。",
        expect: &[("臺灣國防部", "tw-mnd")], ..C },
    Case { name: "desc_zhongguo_wangjun", text: "报告称中国网军长期潜伏在关键基础设施中。",
        expect: &[("中国网军", "cn-plassf")], ..C },
    Case { name: "desc_pla_zh", text: "中国人民解放军从未从事任何形式的黑客活动。",
        expect: &[("中国人民解放军", "cn-pla")], ..C },
    Case { name: "desc_nsa_zh_trad", text: "美國國家安全局長期入侵中國的電信網路。",
        expect: &[("美國國家安全局", "us-nsa"), ("中國", "cn")], ..C },
    Case { name: "desc_russian_military_intelligence", text: "The leaks were traced to Russian military intelligence.",
        expect: &[("Russian military intelligence", "ru-gru")], forbid: &["u-ru-linked-group"], ..C },
    Case { name: "desc_pentagon", text: "The Pentagon said its networks were not affected by the hack.",
        expect: &[("The Pentagon", "us-department-of-defense")], ..C },
    Case { name: "desc_ccp", text: "The dissidents blamed the Chinese Communist Party for the phishing emails.",
        expect: &[("Chinese Communist Party", "cn-ccp")], forbid: &["u-cn-linked-group"], ..C },
    Case { name: "desc_chinese_embassy", text: "The Chinese embassy in London said the accusations were malicious slander.",
        expect: &[("Chinese embassy in London", "cn-chinese-diplomatic-missions")], ..C },
    Case { name: "desc_russia_fm_zh", text: "俄罗斯外交部称，美方的指控毫无根据。",
        expect: &[("俄罗斯外交部", "ru-ministry-of-foreign-affairs"), ("美方", "us")], ..C },
    Case { name: "desc_kp_hackers_zh", text: "朝鲜黑客窃取了价值数亿美元的加密货币。",
        expect: &[("朝鲜黑客", "u-kp-linked-group")], forbid: &["kp"], ..C },
    Case { name: "desc_ru_hacker_org_zh", text: "乌克兰指责俄罗斯黑客组织攻击其能源设施。",
        expect: &[("乌克兰", "ua"), ("俄罗斯黑客组织", "u-ru-linked-group")], ..C },
    Case { name: "desc_fm_spokesman_zh", text: "外交部发言人毛宁表示，美方长期对中国发动网络攻击。",
        expect: &[("外交部发言人", "cn-ministry-of-foreign-affairs"), ("美方", "us"), ("中国", "cn")], ..C },

    // ---------------------------------------------------------------- vendors and outlets
    Case { name: "vendor_outlet_mandiant_reuters", text: "Mandiant attributed the campaign to APT41, Reuters reported.",
        expect: &[("Mandiant", "o-mandiant"), ("APT41", "g-apt41"), ("Reuters", "o-reuters")], ..C },
    Case { name: "vendor_google_owned_mandiant", text: "Google-owned Mandiant said the hackers reused old infrastructure.",
        expect: &[("Google-owned Mandiant", "o-mandiant")], ..C },
    Case { name: "vendor_microsoft_storm", text: "Microsoft said the China-based actor Storm-0558 forged authentication tokens.",
        expect: &[("Microsoft", "o-microsoft"), ("Storm-0558", "g-storm-0558")], ..C },
    Case { name: "vendor_chinese_group_apposition", text: "Microsoft said the Chinese hacking group Storm-0558 forged authentication tokens.",
        expect: &[("Microsoft", "o-microsoft"), ("Storm-0558", "g-storm-0558")], forbid: &["u-cn-linked-group"], ..C },
    Case { name: "vendor_crowdstrike_per_reuters", text: "According to Reuters, CrowdStrike saw the same servers used in both attacks.",
        expect: &[("Reuters", "o-reuters"), ("CrowdStrike", "o-crowdstrike")], ..C },
    Case { name: "vendor_insikt", text: "Recorded Future's Insikt Group linked the domains to RedDelta.",
        expect: &[("Recorded Future", "o-recorded-future"), ("Insikt Group", "o-recorded-future"), ("RedDelta", "g-mustang-panda")], ..C },
    Case { name: "outlet_zh_reuters_microsoft", text: "路透社报道，微软表示已阻止了来自俄罗斯的网络攻击。",
        expect: &[("路透社", "o-reuters"), ("微软", "o-microsoft"), ("俄罗斯", "ru")], ..C },
    Case { name: "outlet_global_times_zh", text: "环球时报援引奇安信的报告称，台湾黑客攻击了大陆企业。",
        expect: &[("环球时报", "o-global-times"), ("奇安信", "o-qianxin"), ("台湾黑客", "u-tw-linked-group")], ..C },
    Case { name: "vendor_talos_unit42", text: "Cisco Talos and Unit 42 both published indicators for the backdoor.",
        expect: &[("Cisco Talos", "o-cisco-talos"), ("Unit 42", "o-palo-alto-networks")], ..C },

    // ---------------------------------------------------------------- texts naming no actor
    Case { name: "none_rain", text: "It rained all afternoon in the valley.", ..C },
    Case { name: "none_group_of_friends", text: "The group of friends met for dinner on Friday.", ..C },
    Case { name: "none_silly_walks", text: "The ministry of silly walks has announced new funding for its sketches.", ..C },
    Case { name: "none_lowercase_us", text: "Let us know if the weather improves before the weekend.", ..C },
    Case { name: "none_it_department", text: "The IT department replaced the printers on the third floor.", ..C },
    Case { name: "none_football", text: "The home team won the match 3-1 after extra time.", ..C },
    Case { name: "none_earnings", text: "Shares of the company rose 4% after it reported strong quarterly earnings.", ..C },
    Case { name: "none_cobalt_metal", text: "Cobalt prices climbed for a third week as battery makers stocked up on the metal.", ..C },
    Case { name: "none_equation_exam", text: "Equation solving took up most of the maths exam.", ..C },
    Case { name: "none_sidewinder_snake", text: "The Sidewinder is a small rattlesnake that moves sideways across the sand.", ..C },
    Case { name: "none_cat_called", text: "Her cat, called Whiskers, sleeps on the windowsill.", ..C },
    Case { name: "none_band_known_as", text: "The band, known as The Midnight Ramblers, played until dawn.", ..C },
    Case { name: "none_chinese_restaurants", text: "Chinese restaurants in the city reported busy weekends.", ..C },
    Case { name: "none_lowercase_mss", text: "He saved the mss drafts to a folder before lunch.", ..C },
    Case { name: "none_gop_primary", text: "The GOP primary drew record turnout this year.", ..C },
    Case { name: "none_play_outside", text: "The children went out to play after school.", ..C },
    Case { name: "none_silence", text: "Silence fell over the stadium when the striker missed.", ..C },
    Case { name: "none_ups_parcel", text: "UPS delivered the parcel two days late.", ..C },
    Case { name: "none_weather_service", text: "Temperatures will drop below freezing tonight, the weather service said.", ..C },
    Case { name: "none_army_of_volunteers", text: "The army of volunteers cleaned the beach on Sunday.", ..C },
    Case { name: "none_grub", text: "The GRUB bootloader failed after the update.", ..C },
    Case { name: "none_actor_film", text: "The actor won an award for his role in the film.", ..C },
    Case { name: "none_zh_rain", text: "今天下午下了一场大雨，气温明显下降。", ..C },
    Case { name: "none_zh_equation", text: "老师在黑板上写了一个方程式。", ..C },
    Case { name: "none_zh_rattlesnake", text: "沙漠里有一条响尾蛇。", ..C },
    Case { name: "none_zh_company_revenue", text: "该公司第三季度营收增长百分之十。", ..C },
    Case { name: "none_zh_team_trad", text: "這支球隊昨晚贏得了冠軍。", ..C },
    Case { name: "none_zh_beijing_time", text: "比赛将于北京时间晚上八点开始。", ..C },
];

fn found(text: &str) -> Vec<(String, String)> {
    let r = recognize(text, &segment(text), Lexicon::get());
    r.mentions.iter().map(|m| (m.span.slice(text).to_string(), r.actor_of(m).id.clone())).collect()
}

/// What is wrong with the case, if anything.
fn check(case: &Case) -> Option<String> {
    let got = found(case.text);
    let mut problems = Vec::new();
    if case.expect.is_empty() && case.forbid.is_empty() {
        if !got.is_empty() {
            problems.push("expected no mention".to_string());
        }
    } else {
        let mut left: Vec<&(String, String)> = got.iter().collect();
        for (surface, id) in case.expect {
            match left.iter().position(|(s, i)| s == surface && i == id) {
                Some(k) => {
                    left.remove(k);
                }
                None => problems.push(format!("missing ({surface:?}, {id})")),
            }
        }
        for id in case.forbid {
            if got.iter().any(|(_, i)| i == id) {
                problems.push(format!("forbidden {id} found"));
            }
        }
    }
    (!problems.is_empty()).then(|| {
        format!(
            "{}\n    text:     {}\n    expected: {:?}{}\n    found:    {:?}\n    problems: {}",
            case.name,
            case.text,
            case.expect,
            if case.forbid.is_empty() { String::new() } else { format!(" forbid {:?}", case.forbid) },
            got,
            problems.join("; ")
        )
    })
}

#[test]
fn mention_table() {
    super::table::unique_names(CASES.iter().map(|c| c.name));
    let gaps: Vec<&Case> = CASES.iter().filter(|c| !c.known_gap.is_empty()).collect();
    if std::env::var_os("MENTIONS_DUMP").is_some() {
        for c in CASES {
            println!("{}: {:?}", c.name, found(c.text));
        }
    }
    let failures: Vec<String> = CASES.iter().filter(|c| c.known_gap.is_empty()).filter_map(check).collect();
    let gaps: Vec<super::table::Gap> = gaps
        .iter()
        .map(|g| super::table::Gap { name: g.name, reason: g.known_gap, passes_now: check(g).is_none() })
        .collect();
    super::table::finish("mention", CASES.len(), &gaps, &failures, 130, 15, 0.9);
}
