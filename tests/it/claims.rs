//! Claim extraction on short English and Chinese statements: which claims (kind, claimant,
//! accused) each yields, with certainty and `responds_to` links where the case is about them.
//! One table; every case runs, and the test fails once with the list of the cases that failed.
//! Cases marked `known_gap` are skipped, counted and listed: each names what the extractor lacks.

use attrib::ingest::Document;
use attrib::pipeline::analyze_document;
use attrib::report::{ClaimOut, DocReport};

/// One expected claim. `claimant` and `accused` are actor ids ("cn-mss", "g-zirconium") or, in
/// upper case, an ISO country code compared with `claimant_country` / `accused_country`; an
/// `accused` of "-" means no accused and no accused country; "g-apt29/RU" asks for both the
/// group and the country its sponsor belongs to (one claim, DESIGN §3).
#[derive(Clone, Copy, Debug)]
struct Exp {
    kind: &'static str,
    claimant: &'static str,
    accused: &'static str,
    /// "" = not checked; else `asserted`, `hedged` or `denied`.
    certainty: &'static str,
    /// Index (in this case's `expect`) of the claim this one must answer.
    answers: Option<usize>,
    /// "" = not checked; else a phrase the claim's `targets` must hold.
    target: &'static str,
}

const fn e(kind: &'static str, claimant: &'static str, accused: &'static str) -> Exp {
    Exp { kind, claimant, accused, certainty: "", answers: None, target: "" }
}

impl Exp {
    const fn cert(self, certainty: &'static str) -> Exp {
        Exp { certainty, ..self }
    }
    const fn answers(self, i: usize) -> Exp {
        Exp { answers: Some(i), ..self }
    }
    const fn hit(self, target: &'static str) -> Exp {
        Exp { target, ..self }
    }
}

struct Case {
    name: &'static str,
    text: &'static str,
    /// Claims that must all be found. Empty with `exact`: the text must yield no claim at all.
    expect: &'static [Exp],
    /// Nothing but the expected claims may be found.
    exact: bool,
    /// Non-empty: a known gap of the extractor (needs a code change); the case is not run.
    known_gap: &'static str,
}

const C: Case = Case { name: "", text: "", expect: &[], exact: false, known_gap: "" };

const ACC: &str = "accusation";
const DEN: &str = "denial";
const CTR: &str = "counter_accusation";
const RSP: &str = "responsibility";
const MIN: &str = "minimization";
const COR: &str = "corroboration";

#[rustfmt::skip]
const CASES: &[Case] = &[
    // ---------------------------------------------------------------- headlines
    Case { name: "headline_china_accuses_taiwan", text: "China accuses Taiwan of hacking government websites",
        expect: &[e(ACC, "cn", "TW")], exact: true, ..C },
    Case { name: "headline_uk_blames_russia", text: "UK blames Russia for cyberattack on defence contractor",
        expect: &[e(ACC, "gb", "RU")], exact: true, ..C },
    Case { name: "headline_then_body_merge", text: "US accuses North Korea of crypto heist\n\nThe United States on Monday accused North Korea of stealing cryptocurrency from a gaming company.",
        expect: &[e(ACC, "us", "KP")], exact: true, ..C },

    // ---------------------------------------------------------------- active voice
    Case { name: "active_accused_of", text: "The Netherlands accused Russia's GRU of trying to hack the chemical weapons watchdog in The Hague.",
        expect: &[e(ACC, "nl", "ru-gru").cert("asserted")], exact: true, ..C },
    Case { name: "active_blamed", text: "Canada's cyber agency blamed Iranian hackers for the intrusion at a water utility in Ontario.",
        expect: &[e(ACC, "ca-cccs", "IR")], exact: true, ..C },
    Case { name: "active_attributed_to", text: "Microsoft attributed the password-spraying campaign to APT29, a group tied to Russia's foreign intelligence service.",
        expect: &[e(ACC, "o-microsoft", "g-apt29/RU")], exact: true, ..C },
    Case { name: "active_condemned", text: "Germany condemned Russia for a hacking campaign against the offices of its ruling party.",
        expect: &[e(ACC, "de", "RU")], exact: true, ..C },

    // ---------------------------------------------------------------- passive voice
    Case { name: "passive_accused_by", text: "Iran was accused by Israel of a destructive cyberattack on its water pumps.",
        expect: &[e(ACC, "il", "IR")], exact: true, ..C },
    Case { name: "passive_has_been_accused_by", text: "Russia's GRU has been accused by Britain of a cyberattack on the chemical weapons watchdog.",
        expect: &[e(ACC, "gb", "ru-gru")], exact: true, ..C },
    Case { name: "passive_attributed_to_by", text: "The wiper attacks on Ukrainian banks were attributed to Sandworm by CERT-UA.",
        expect: &[e(ACC, "ua-cert-ua", "g-sandworm-team/RU")], ..C },
    Case { name: "passive_attacks_attributed_to_speaker", text: "The FBI said the attacks on the casino operators were attributed to a gang working with Iranian intelligence.",
        expect: &[e(ACC, "us-fbi", "IR")], ..C },
    Case { name: "passive_believed_behind", text: "Japanese police said MirrorFace is believed to be behind a long campaign against the country's space agency.",
        expect: &[e(ACC, "jp-npa", "g-mirrorface").cert("hedged")], ..C },
    Case { name: "passive_carried_out_by_linked", text: "The breach at the Treasury was carried out by hackers linked to China, US officials said.",
        expect: &[e(ACC, "us", "CN")], ..C },
    Case { name: "passive_conducted_by_state_hackers", text: "According to the NCSC, the intrusion was conducted by hackers linked to Russia's military intelligence.",
        expect: &[e(ACC, "gb-ncsc", "RU")], exact: true, ..C },

    // ---------------------------------------------------------------- reported speech and quotes
    Case { name: "said_that", text: "Australia's ASD said that APT40 had stolen data from two government networks.",
        expect: &[e(ACC, "au-asd", "g-leviathan/CN")], ..C },
    Case { name: "said_after", text: "North Korean hackers were behind the theft of funds from the bridge, the FBI said.",
        expect: &[e(ACC, "us-fbi", "KP")], exact: true, ..C },
    Case { name: "according_to", text: "According to Mandiant, Sandworm hacked a power station in a Ukrainian city during a missile strike.",
        expect: &[e(ACC, "o-mandiant", "g-sandworm-team")], ..C },
    Case { name: "according_to_a_document_from", text: "Hackers working for Iran's Islamic Revolutionary Guard Corps were behind the breach of a water utility, according to a joint advisory from the FBI and CISA.",
        expect: &[e(ACC, "us-fbi", "ir-irgc")], exact: true, ..C },
    Case { name: "according_to_a_document_by", text: "Russia was behind the cyberattack on the grid, according to a report published on Monday by Ukraine's SBU.",
        expect: &[e(ACC, "ua-sbu", "RU")], exact: true, ..C },
    Case { name: "according_to_a_document_of_no_one", text: "The breach was carried out by APT41, according to the latest analysis of the incident.",
        expect: &[], exact: true, ..C },
    Case { name: "statement_to_reuters", text: "The Czech foreign ministry said in a statement to Reuters that APT28 had targeted its email accounts.",
        expect: &[e(ACC, "cz-ministry-of-foreign-affairs-czech-republic", "g-apt28")], ..C },
    Case { name: "told_ap_outlet_not_claimant", text: "A spokesperson for the FBI told the Associated Press that Chinese state hackers had broken into telecom networks.",
        expect: &[e(ACC, "us-fbi", "CN")], exact: true, ..C },
    Case { name: "quote_speaker_after", text: "\u{201c}Russian military intelligence carried out this reckless attack,\u{201d} the British government said.",
        expect: &[e(ACC, "gb", "RU")], ..C },
    Case { name: "quote_speaker_after_body", text: "\u{201c}Iran's Revolutionary Guards were behind the attack on our water system,\u{201d} Israel's cyber directorate said.",
        expect: &[e(ACC, "IL", "ir-irgc")], exact: true, ..C },
    Case { name: "quote_traced_to", text: "\u{201c}We have traced the attack on the water system to Iran's Revolutionary Guards,\u{201d} Israel said.",
        expect: &[e(ACC, "il", "ir-irgc")], exact: true, ..C },
    Case { name: "quote_speaker_next_sentence", text: "\u{201c}There is no doubt that Lazarus stole the money.\u{201d} Those were the words of South Korea's intelligence service on Thursday.",
        expect: &[e(ACC, "kr-nis", "g-lazarus-group")], 
        known_gap: "the bare 'Lazarus' is no gazetteer form, and the quoted sentence has no cyber word to accept it as a name", ..C },
    Case { name: "quote_speaker_next_sentence_words_of", text: "\u{201c}There is no doubt that the Lazarus Group stole the money.\u{201d} Those were the words of South Korea's intelligence service on Thursday.",
        expect: &[e(ACC, "kr-nis", "g-lazarus-group")], exact: true, ..C },
    Case { name: "participle_saying_shares_subject", text: "Canada's cyber agency has listed India among the states that threaten it, saying Indian state-sponsored hackers likely spied on government networks.",
        expect: &[e(ACC, "CA", "IN").cert("hedged")], exact: true, ..C },
    Case { name: "statement_after_colon", text: "South Korea's spy agency accused North Korean hackers of stealing defence data.\n\nA spokesman for the Foreign Ministry of the DPRK gave the following answer:\n\nThe accusation is a sheer fabrication. The puppets have shown no proof. We are used to such smears. It is none other than the US that carries out cyberattacks around the world.",
        expect: &[e(ACC, "KR", "KP"), e(DEN, "KP", "KP"), e(CTR, "KP", "US")], exact: true, ..C },
    Case { name: "quote_speaker_next_sentence_statement", text: "\u{201c}North Korea is behind this heist.\u{201d} The statement came from the FBI on Friday.",
        expect: &[e(ACC, "us-fbi", "KP")], ..C },
    Case { name: "reuters_reports_that", text: "Reuters reports that Ukraine accused Russian hackers of breaching its news agency.",
        expect: &[e(ACC, "ua", "RU")], exact: true, ..C },

    // ---------------------------------------------------------------- nominalisations
    Case { name: "nominal_possessive_accusation", text: "Beijing rejected Washington's accusation that Chinese hackers broke into the email of senior officials.",
        expect: &[e(ACC, "us", "CN"), e(DEN, "cn", "CN").cert("denied").answers(0)], exact: true, ..C },
    Case { name: "nominal_allegations_by", text: "Russia dismissed allegations by Britain that its spies hacked a think tank.",
        expect: &[e(ACC, "gb", "RU"), e(DEN, "ru", "RU").answers(0)], exact: true, ..C },

    Case { name: "nominal_claim_by_x_that", text: "Pyongyang rejected the claim by the south Korean National Intelligence Service that its hackers had stolen technical data.",
        expect: &[e(ACC, "kr-nis", "KP"), e(DEN, "kp", "KP")], exact: true, ..C },

    // ---------------------------------------------------------------- identity and sponsorship
    Case { name: "identity_unit_of", text: "The NSA said APT40 is a unit of China's Ministry of State Security operating from Hainan.",
        expect: &[e(ACC, "us-nsa", "g-leviathan/CN")], exact: true, ..C },
    Case { name: "identity_acting_on_behalf", text: "The NCSC said Star Blizzard acts on behalf of Russia's FSB.",
        expect: &[e(ACC, "gb-ncsc", "RU")], exact: true, ..C },
    Case { name: "identity_sponsored_by", text: "Google said Kimsuky is sponsored by the North Korean government and spies on think tanks.",
        expect: &[e(ACC, "o-google", "g-kimsuky/KP")], exact: true, ..C },
    Case { name: "identity_linked_to", text: "CrowdStrike said the operators behind the ransomware attacks are linked to Iran's Revolutionary Guards.",
        expect: &[e(ACC, "o-crowdstrike", "IR")], exact: true, ..C },
    Case { name: "identity_linked_to_no_act_word", text: "CrowdStrike said the operators are linked to Iran's Revolutionary Guards.",
        expect: &[e(ACC, "o-crowdstrike", "IR")], exact: true, ..C },
    Case { name: "identity_based", text: "Microsoft said a Beijing-based group it tracks as Storm-0558 broke into government email accounts.",
        expect: &[e(ACC, "o-microsoft", "g-storm-0558/CN")], exact: true, ..C },
    Case { name: "identity_moscow_based", text: "ESET said a Moscow-based group wiped computers at a Ukrainian ministry.",
        expect: &[e(ACC, "o-eset", "RU")], exact: true, ..C },
    Case { name: "identity_state_sponsored", text: "Mandiant described Salt Typhoon as a Chinese state-sponsored group that spies on telecom carriers.",
        expect: &[e(ACC, "o-mandiant", "g-salt-typhoon/CN")], exact: true, ..C },

    // ---------------------------------------------------------------- negation and non-claims
    Case { name: "none_did_not_attribute", text: "The city council did not attribute the ransomware attack to any group or country.",
        exact: true, ..C },
    Case { name: "none_no_evidence", text: "Officials in Berlin said there was no evidence that Russia was involved in the outage.",
        exact: true, ..C },
    Case { name: "none_declined_to_say", text: "The hospital confirmed the breach but declined to say who was behind it.",
        exact: true, ..C },
    Case { name: "none_sovereignty", text: "China claims sovereignty over Taiwan and has stepped up military drills around the island.",
        exact: true, ..C },
    Case { name: "none_attacker_unknown", text: "The identity of the hackers who crippled the school district's servers remains unknown.",
        exact: true, ..C },
    Case { name: "none_travel", text: "The Chinese foreign minister travelled to Moscow for talks with his Russian counterpart.",
        exact: true, ..C },

    // ---------------------------------------------------------------- denials
    Case { name: "denial_all_allegations", text: "Ukraine accused Belarus of hacking officials' email. Minsk denies all allegations.",
        expect: &[e(ACC, "ua", "BY"), e(DEN, "by", "BY").cert("denied").answers(0)], exact: true, ..C },
    Case { name: "denial_rejected_groundless", text: "Britain accused China of hacking the voter register. China's foreign ministry rejected the accusations as groundless.",
        expect: &[e(ACC, "gb", "CN"), e(DEN, "cn-ministry-of-foreign-affairs", "CN").cert("denied").answers(0)], exact: true, ..C },
    Case { name: "denial_nothing_to_do_with", text: "Israel accused Iran of attacking its water systems. Tehran said it had nothing to do with the attack.",
        expect: &[e(ACC, "il", "IR"), e(DEN, "ir", "IR").answers(0)], exact: true, ..C },
    Case { name: "denial_fabricated", text: "The US Justice Department charged three North Korean hackers with bank heists. Pyongyang called the charges fabricated.",
        expect: &[e(ACC, "us-doj", "KP"), e(DEN, "kp", "KP").cert("denied").answers(0)], exact: true, ..C },
    Case { name: "counter_cleft_it_was_x_that", text: "Germany accused Russian military hackers of breaking into party email accounts. The Russian embassy said it was NATO countries, Germany among them, that were waging cyber warfare against Russia.",
        expect: &[e(ACC, "de", "RU"), e(CTR, "RU", "DE")], exact: true, ..C },
    // ---------------------------------------------------------------- targets
    Case { name: "target_object_with_list", text: "China's state security ministry says a hacking group called Anonymous64 has attacked websites in mainland China, Hong Kong and Macau.",
        expect: &[e(ACC, "cn-mss", "g-anonymous64").hit("websites in mainland China, Hong Kong and Macau")], ..C },
    Case { name: "target_after_attack_noun", text: "China accuses Taiwan of military-backed cyberattacks on its websites",
        expect: &[e(ACC, "cn", "TW").hit("its websites")], exact: true, ..C },
    Case { name: "target_against_not_legal", text: "The ministry said it had opened a legal case against three members of APT31, which Britain accused of launching cyberattacks against British universities.",
        expect: &[e(ACC, "gb", "g-zirconium").hit("British universities")], ..C },
    Case { name: "target_zh_dui_fadong", text: "国家安全部指控台湾资通电军对我国关键信息基础设施发动网络攻击。",
        expect: &[e(ACC, "cn-mss", "TW").hit("我国关键信息基础设施")], exact: true, ..C },
    Case { name: "target_ends_before_a_time", text: "The National Cyber Security Centre accused Russia of the attack on the port of Dover on Monday.",
        expect: &[e(ACC, "gb-ncsc", "ru").hit("the port of Dover")], exact: true, ..C },
    Case { name: "target_ends_before_a_month", text: "The FBI said Iranian hackers breached water utilities in Pennsylvania in November.",
        expect: &[e(ACC, "us-fbi", "IR").hit("water utilities in Pennsylvania")], exact: true, ..C },
    Case { name: "target_number_and_clause", text: "The US said North Korean hackers breached some 200,000 machines across 150 countries and demanded ransoms.",
        expect: &[e(ACC, "us", "KP").hit("some 200,000 machines across 150 countries")], exact: true, ..C },
    Case { name: "denial_negated_own_act", text: "Moldova accused Russia of cyberattacks on its election commission. The Kremlin's spokesman said Moscow did not interfere in other countries' votes.",
        expect: &[e(ACC, "md", "RU"), e(DEN, "ru", "RU").answers(0)], exact: true, ..C },
    Case { name: "denial_no_evidence_linking_own_side", text: "Washington accused Volt Typhoon of hiding in US networks on behalf of China. China's CVERC said it found no evidence linking the group to the Chinese government.",
        expect: &[e(ACC, "us", "g-volt-typhoon"), e(DEN, "cn-cverc", "CN")], exact: true, ..C },
    Case { name: "denial_company_never_took_part", text: "The US sanctioned Integrity Technology Group for supplying infrastructure to Flax Typhoon hackers. Integrity Technology said it had never taken part in any operation against another country.",
        expect: &[e(DEN, "s-integrity-technology", "s-integrity-technology")], ..C },
    Case { name: "denial_kremlin_dismissed", text: "The Kremlin dismissed the report as baseless and said Russia does not conduct cyber operations.",
        expect: &[e(DEN, "ru", "RU").cert("denied")], ..C },
    Case { name: "denial_nothing_to_do_with_embassy", text: "The Chinese embassy said Beijing had nothing to do with the hacking of the ministry's email.",
        expect: &[e(DEN, "CN", "CN").cert("denied")], exact: true, ..C },
    Case { name: "denial_all_allegations_alone", text: "Taiwan's defence ministry denies all allegations of hacking.",
        expect: &[e(DEN, "tw-mnd", "TW").cert("denied")], exact: true, ..C },

    // ---------------------------------------------------------------- counter-accusations
    Case { name: "counter_in_denial", text: "China's Ministry of State Security accused Taiwan's military of running a hacker group. Taiwan's defence ministry denied it, accusing China of launching cyberattacks against Taiwan.",
        expect: &[e(ACC, "cn-mss", "TW"), e(DEN, "tw-mnd", "TW").answers(0), e(CTR, "tw-mnd", "CN").answers(0)], exact: true, ..C },
    Case { name: "counter_itself_biggest_source", text: "Washington accused Chinese hackers of stealing vaccine research. Beijing denied it and said the United States itself was the biggest source of cyberattacks.",
        expect: &[e(ACC, "us", "CN"), e(DEN, "cn", "CN").answers(0), e(CTR, "cn", "US").answers(0)], exact: true, ..C },

    // ---------------------------------------------------------------- responsibility
    Case { name: "resp_claimed_responsibility", text: "Anonymous Sudan claimed responsibility for the outage of the airline's booking site.",
        expect: &[e(RSP, "g-anonymous-sudan", "g-anonymous-sudan")], exact: true, ..C },
    Case { name: "resp_brags", text: "Killnet brags about knocking a dozen airport websites offline.",
        expect: &[e(RSP, "g-killnet", "g-killnet")], exact: true, ..C },
    Case { name: "resp_claims_access", text: "NoName057(16) claims to have access to the control systems of a Danish port.",
        expect: &[e(RSP, "g-noname057-16", "g-noname057-16")], exact: true, ..C },

    // ---------------------------------------------------------------- minimisation
    Case { name: "min_fake_or_little_impact", text: "Killnet claimed it had paralysed Ukraine's government portals. CERT-UA said these claims are either fake or have little to no impact.",
        expect: &[e(RSP, "g-killnet", "g-killnet"), e(MIN, "ua-cert-ua", "g-killnet").answers(0)], ..C },
    Case { name: "min_no_damage", text: "Predatory Sparrow said it had hacked the steel plant. Iran's industry ministry said there was no damage and production continued.",
        expect: &[e(RSP, "g-predatory-sparrow", "g-predatory-sparrow"), e(MIN, "IR", "g-predatory-sparrow").answers(0)], ..C },
    Case { name: "min_limited_impact", text: "Anonymous Sudan claimed responsibility for an outage of Outlook. Microsoft said the attack had limited impact on customers.",
        expect: &[e(RSP, "g-anonymous-sudan", "g-anonymous-sudan"), e(MIN, "o-microsoft", "g-anonymous-sudan").answers(0)], exact: true, ..C },

    Case { name: "min_nothing_taken", text: "Anonymous Sudan claimed it had taken down Outlook for hours. Microsoft said no customer data was accessed by the attackers.",
        expect: &[e(RSP, "g-anonymous-sudan", "g-anonymous-sudan"), e(MIN, "o-microsoft", "g-anonymous-sudan").answers(0)], exact: true, ..C },

    Case { name: "attack_noun_by_actor", text: "Iran's foreign ministry said cyberattacks by Israel had hit the port.",
        expect: &[e(ACC, "ir-ministry-of-foreign-affairs", "IL")], exact: true, ..C },
    Case { name: "counter_victim_of_attacks_by", text: "Iran's foreign ministry rejected the accusation. It said Iran had itself been the victim of repeated cyberattacks by Israel and the United States.",
        expect: &[e(DEN, "ir-ministry-of-foreign-affairs", "IR"), e(CTR, "ir-ministry-of-foreign-affairs", "IL"), e(CTR, "ir-ministry-of-foreign-affairs", "US")], exact: true, ..C },
    Case { name: "attack_noun_from_actor_negated", text: "The outage was not caused by attacks from Russia, the ministry said.",
        expect: &[], exact: true, ..C },

    // ---------------------------------------------------------------- corroboration
    Case { name: "corr_also_attributed", text: "Britain blamed Russia's military for the NotPetya attack. The United States also attributed the attack to Russia.",
        expect: &[e(ACC, "gb", "RU"), e(COR, "us", "RU")], exact: true, ..C },
    Case { name: "corr_vendor_confirmed", text: "The FBI said Lazarus Group stole the exchange's funds. Mandiant confirmed the finding in a separate report.",
        expect: &[e(ACC, "us-fbi", "g-lazarus-group"), e(COR, "o-mandiant", "g-lazarus-group")], ..C },
    Case { name: "corr_needs_its_supporter_named", text: "Britain accused Russia of the attack on its elections. Russia denied it. Neither side offered proof that could be checked independently.",
        expect: &[e(ACC, "gb", "RU"), e(DEN, "ru", "RU")], exact: true, ..C },
    Case { name: "corr_supporter_by_reference", text: "Britain accused Russia of the attack on its elections. Mandiant said it had independently reached the same conclusion.",
        expect: &[e(ACC, "gb", "RU"), e(COR, "o-mandiant", "RU")], exact: true, ..C },
    Case { name: "corr_a_side_that_backed_it_goes_on_backing_it", text: "Britain blamed Russia for the NotPetya attack. The United States joined Britain in attributing the attack to Russia. The White House said the ransomware attack was part of the Kremlin's effort to destabilise Ukraine and showed Russia's involvement in the conflict.",
        expect: &[e(ACC, "gb", "RU"), e(COR, "US", "RU")], exact: true, ..C },
    Case { name: "corr_vendor_built_a_case", text: "The White House blamed North Korea for the ransomware outbreak. Symantec had developed a forensic case against Lazarus Group within weeks.",
        expect: &[e(ACC, "us-white-house", "KP"), e(COR, "o-symantec", "g-lazarus-group")], exact: true, ..C },

    // ---------------------------------------------------------------- lists of actors
    // Co-signers fold into the lead claimant, the first named (DESIGN §3); states accused
    // together are one claim each; those who deny together each deny their own part.
    Case { name: "list_two_states_accuse", text: "The United States and Britain accused China of a years-long hacking campaign against lawmakers.",
        expect: &[e(ACC, "us", "CN")], exact: true, ..C },
    Case { name: "list_lead_is_first_named", text: "Britain and the United States accused China of a years-long hacking campaign against lawmakers.",
        expect: &[e(ACC, "gb", "CN")], exact: true, ..C },
    Case { name: "list_three_states_commas", text: "The United States, Britain and Australia accused China's Ministry of State Security of the intrusions.",
        expect: &[e(ACC, "us", "cn-mss")], exact: true, ..C },
    Case { name: "list_according_to_two_vendors", text: "According to Microsoft and Google, APT28 was behind the phishing wave against the election commission.",
        expect: &[e(ACC, "o-microsoft", "g-apt28")], exact: true, ..C },
    Case { name: "list_two_states_deny", text: "Britain accused Russia and China of cyberattacks on its elections. Russia and China denied any involvement.",
        expect: &[e(ACC, "gb", "RU"), e(ACC, "gb", "CN"), e(DEN, "ru", "RU"), e(DEN, "cn", "CN")], exact: true, ..C },
    Case { name: "list_accused_three", text: "Britain said Russia, China and Iran had hacked its electoral commission.",
        expect: &[e(ACC, "gb", "RU"), e(ACC, "gb", "CN"), e(ACC, "gb", "IR")], exact: true, ..C },
    Case { name: "list_both_sides", text: "The United States and Britain accused China and Russia of attacks on their power grids.",
        expect: &[e(ACC, "us", "CN"), e(ACC, "us", "RU")], exact: true, ..C },
    Case { name: "list_group_and_its_state_one_claim", text: "Britain accused APT28 and Russia of the attack on its electoral commission.",
        expect: &[e(ACC, "gb", "g-apt28/RU")], exact: true, ..C },
    // several groups of one state accused together are one claim, named after the first
    // (the labels' convention 4), as their merge by side makes them
    Case { name: "list_two_groups_of_one_state", text: "Britain accused APT28 and Sandworm of the attacks on its electoral commission.",
        expect: &[e(ACC, "gb", "g-apt28/RU")], exact: true, ..C },
    Case { name: "list_qualifier_is_no_member", text: "Kaspersky Lab and U.S.-based Symantec attributed the ransomware outbreak to Lazarus Group.",
        expect: &[e(ACC, "o-kaspersky", "g-lazarus-group")], exact: true, ..C },
    Case { name: "list_commas_alone_are_no_list", text: "Volt Typhoon has hacked water utilities in Guam and in the United States, Microsoft said.",
        expect: &[e(ACC, "o-microsoft", "g-volt-typhoon")], exact: true, ..C },
    Case { name: "list_including_examples_speak_apart", text: "Britain blamed Russia for the intrusion. Analysts, including those from Recorded Future and Moscow-based Kaspersky Lab, traced the phishing wave to APT29.",
        expect: &[e(ACC, "gb", "RU"), e(COR, "o-recorded-future", "g-apt29/RU"), e(COR, "o-kaspersky", "g-apt29/RU")], exact: true, ..C },
    Case { name: "list_such_as_examples_speak_apart", text: "Security firms such as Mandiant and CrowdStrike attributed the intrusion at the ministry to APT29.",
        expect: &[e(ACC, "o-mandiant", "g-apt29"), e(ACC, "o-crowdstrike", "g-apt29")], exact: true, ..C },
    Case { name: "researchers_at_vendor_speak_for_it", text: "The White House blamed North Korea for the outbreak. Researchers at Symantec had developed a forensic case against Lazarus Group within weeks.",
        expect: &[e(ACC, "us-white-house", "KP"), e(COR, "o-symantec", "g-lazarus-group")], exact: true, ..C },
    Case { name: "adverbs_between_commas_are_no_subject", text: "The White House blamed North Korea for the outbreak. Symantec, however, quickly developed a forensic case against Lazarus Group.",
        expect: &[e(ACC, "us-white-house", "KP"), e(COR, "o-symantec", "g-lazarus-group")], exact: true, ..C },
    Case { name: "list_zh_he", text: "美国和英国指责中国对议会发动网络攻击。",
        expect: &[e(ACC, "us", "CN")], exact: true, ..C },

    // ---------------------------------------------------------------- hedges
    Case { name: "hedge_likely", text: "Dragos said the intrusion at the pipeline was likely the work of Russian hackers.",
        expect: &[e(ACC, "o-dragos", "RU").cert("hedged")], exact: true, ..C },
    Case { name: "hedge_suspected", text: "Japan's police said the hackers who breached the space agency were suspected of working for North Korea.",
        expect: &[e(ACC, "jp-npa", "KP").cert("hedged")], ..C },
    Case { name: "hedge_reportedly", text: "Iran reportedly accused Israel of a cyberattack that shut down fuel stations.",
        expect: &[e(ACC, "ir", "IL").cert("hedged")], ..C },
    Case { name: "hedge_moderate_confidence", text: "We assess with moderate confidence that the campaign was run by APT41, SentinelOne said.",
        expect: &[e(ACC, "o-sentinelone", "g-apt41").cert("hedged")], ..C },
    Case { name: "hedge_almost_certainly", text: "The NCSC said the GRU was almost certainly behind the intrusion into the broadcaster.",
        expect: &[e(ACC, "gb-ncsc", "ru-gru").cert("hedged")], exact: true, ..C },
    Case { name: "asserted_flat", text: "The Justice Department said two Russian intelligence officers hacked the election board.",
        expect: &[e(ACC, "us-doj", "RU").cert("asserted")], exact: true, ..C },
    Case { name: "certainty_is_about_who_not_intent", text: "Microsoft said Volt Typhoon breached ports in Guam and assessed with moderate confidence that it aims to disrupt communications.",
        expect: &[e(ACC, "o-microsoft", "g-volt-typhoon").cert("asserted")], ..C },

    // ---------------------------------------------------------------- carry-over and references
    Case { name: "carry_it_said", text: "Microsoft published a threat report on Thursday. It said Volt Typhoon had broken into water utilities in Guam.",
        expect: &[e(ACC, "o-microsoft", "g-volt-typhoon")], exact: true, ..C },
    Case { name: "carry_the_agency", text: "Ukraine's SBU opened a criminal case on Friday. The agency said Russian military hackers wiped the servers of the mobile operator.",
        expect: &[e(ACC, "ua-sbu", "RU")], ..C },
    Case { name: "the_allegations_resolved", text: "Canada accused China of spying on its parliament. Beijing called the allegations a smear.",
        expect: &[e(ACC, "ca", "CN"), e(DEN, "cn", "CN").answers(0)], exact: true, ..C },

    // ---------------------------------------------------------------- Chinese, simplified
    Case { name: "zh_headline_accuse", text: "中国指责台湾黑客攻击政府网站",
        expect: &[e(ACC, "cn", "TW")], exact: true, ..C },
    Case { name: "zh_mfa_zhize", text: "中国外交部指责美国长期对中国发动网络攻击。",
        expect: &[e(ACC, "cn-ministry-of-foreign-affairs", "US")], exact: true, ..C },
    Case { name: "zh_mss_zhikong_group_sponsor", text: "国家安全部指控匿名者64受台湾资通电军操纵，对大陆网站发动网络攻击。",
        expect: &[e(ACC, "cn-mss", "g-anonymous64/TW")], exact: true, ..C },
    Case { name: "zh_qianmi", text: "国家安全部披露，美国国家安全局对一所大学实施网络窃密。",
        expect: &[e(ACC, "cn-mss", "US")], exact: true, ..C },
    Case { name: "zh_qianze_gb", text: "英国政府谴责俄罗斯军事情报机构对其发动网络攻击。",
        expect: &[e(ACC, "gb", "RU")], exact: true, ..C },
    Case { name: "zh_bochi_linked", text: "美国司法部起诉两名中国黑客窃取商业机密。中国外交部驳斥称，美方的指控毫无根据。",
        expect: &[e(ACC, "us-doj", "CN"), e(DEN, "cn-ministry-of-foreign-affairs", "CN").cert("denied").answers(0)], exact: true, ..C },
    Case { name: "zh_niezao", text: "俄罗斯外交部称，英国关于俄黑客攻击的指控纯属捏造。",
        expect: &[e(DEN, "ru-ministry-of-foreign-affairs", "RU").cert("denied")], ..C },
    Case { name: "zh_shengcheng_resp", text: "黑客组织Killnet声称攻击了立陶宛多个政府网站。",
        expect: &[e(RSP, "g-killnet", "g-killnet")], exact: true, ..C },
    Case { name: "zh_xuancheng_fuze", text: "Anonymous Sudan宣称对此次网络攻击负责。",
        expect: &[e(RSP, "g-anonymous-sudan", "g-anonymous-sudan")], exact: true, ..C },
    Case { name: "zh_hedge_yisi", text: "奇安信表示，该攻击疑似来自台湾黑客组织。",
        expect: &[e(ACC, "o-qianxin", "TW").cert("hedged")], ..C },
    Case { name: "zh_none_unclear", text: "警方表示，目前尚不清楚是谁发动了这次网络攻击。",
        exact: true, ..C },

    // ---------------------------------------------------------------- Chinese, traditional
    Case { name: "zht_counter", text: "中國國家安全部指控台灣資通電軍操縱駭客組織攻擊大陸網站。台灣國防部否認相關指控，並指責中共才是對台發動網路攻擊的一方。",
        expect: &[e(ACC, "cn-mss", "TW"), e(DEN, "tw-mnd", "TW").answers(0), e(CTR, "tw-mnd", "CN").answers(0)], exact: true, ..C },
    Case { name: "zht_denial", text: "台灣國防部否認曾指使任何駭客組織攻擊大陸。",
        expect: &[e(DEN, "tw-mnd", "TW").cert("denied")], exact: true, ..C },
    Case { name: "zht_hedge_yanpan", text: "調查局研判，此次網路攻擊疑似來自中國駭客。",
        expect: &[e(ACC, "tw-mjib", "CN").cert("hedged")], exact: true, ..C },
    Case { name: "zht_zhize", text: "美國指責中國駭客竊取台灣半導體企業的商業機密。",
        expect: &[e(ACC, "us", "CN")], exact: true, ..C },
    Case { name: "zht_minimize", text: "親俄駭客組織NoName057(16)聲稱癱瘓了台灣多個政府網站。數位發展部表示，其說法嚴重誇大，網站均正常運作。",
        expect: &[e(RSP, "g-noname057-16", "g-noname057-16"), e(MIN, "tw-moda", "g-noname057-16").answers(0)], exact: true, ..C },
    Case { name: "zht_corroborate", text: "美國聯邦調查局指控北韓駭客竊取加密貨幣。南韓國家情報院證實了這一結論。",
        expect: &[e(ACC, "us-fbi", "KP"), e(COR, "KR", "KP")], ..C },
];

fn found(text: &str) -> Vec<ClaimOut> {
    let a = analyze_document(&Document::from_text("t", text));
    DocReport::from_analysis(&a).claims
}

fn is_country(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase())
}

fn claimant_matches(want: &str, c: &ClaimOut) -> bool {
    if want.is_empty() {
        true
    } else if is_country(want) {
        c.claimant_country.as_deref() == Some(want)
    } else {
        c.claimant.as_deref() == Some(want)
    }
}

fn accused_matches(want: &str, c: &ClaimOut) -> bool {
    if let Some((id, country)) = want.split_once('/') {
        accused_matches(id, c) && accused_matches(country, c)
    } else if want == "-" {
        c.accused.is_none() && c.accused_country.is_none()
    } else if is_country(want) {
        c.accused_country.as_deref() == Some(want)
    } else {
        c.accused.as_deref() == Some(want)
    }
}

fn matches(x: &Exp, c: &ClaimOut) -> bool {
    c.kind == x.kind
        && claimant_matches(x.claimant, c)
        && accused_matches(x.accused, c)
        && (x.certainty.is_empty() || c.certainty == x.certainty)
        && (x.target.is_empty() || c.targets.iter().any(|t| t == x.target))
}

fn show(c: &ClaimOut) -> String {
    format!(
        "{}({} [{}] -> {} [{}], {}, cue {:?}{})",
        c.kind,
        c.claimant.as_deref().unwrap_or("?"),
        c.claimant_country.as_deref().unwrap_or("-"),
        c.accused.as_deref().unwrap_or("?"),
        c.accused_country.as_deref().unwrap_or("-"),
        c.certainty,
        c.cue,
        if c.responds_to.is_empty() { String::new() } else { format!(", answers {}", c.responds_to.join(",")) },
    )
}

/// What is wrong with the case, if anything.
fn check(case: &Case) -> Option<String> {
    let got = found(case.text);
    let mut problems = Vec::new();
    // Each expected claim takes the first unused found claim it matches.
    let mut taken: Vec<Option<usize>> = Vec::new();
    let mut used = vec![false; got.len()];
    for x in case.expect {
        let k = got.iter().enumerate().position(|(i, c)| !used[i] && matches(x, c));
        if let Some(k) = k {
            used[k] = true;
        } else {
            problems.push(format!("missing {x:?}"));
        }
        taken.push(k);
    }
    for (i, x) in case.expect.iter().enumerate() {
        if let (Some(j), Some(k)) = (x.answers, taken[i]) {
            match taken.get(j).copied().flatten() {
                Some(t) if got[k].responds_to.contains(&got[t].id) => {}
                Some(_) => problems.push(format!("claim {i} ({}) does not answer claim {j}", x.kind)),
                None => {}
            }
        }
    }
    if case.exact {
        for (i, c) in got.iter().enumerate() {
            if !used[i] {
                problems.push(format!("unexpected {}", show(c)));
            }
        }
    }
    (!problems.is_empty()).then(|| {
        format!(
            "{}\n    text:     {}\n    expected: {:?}{}\n    found:    {:?}\n    problems: {}",
            case.name,
            case.text,
            case.expect,
            if case.exact { " (exact)" } else { "" },
            got.iter().map(show).collect::<Vec<_>>(),
            problems.join("; ")
        )
    })
}

#[test]
fn claim_table() {
    super::table::unique_names(CASES.iter().map(|c| c.name));
    for c in CASES {
        assert!(!c.expect.is_empty() || c.exact, "case {} expects nothing and is not exact", c.name);
    }
    let gaps: Vec<&Case> = CASES.iter().filter(|c| !c.known_gap.is_empty()).collect();
    if std::env::var_os("CLAIMS_DUMP").is_some() {
        for c in CASES {
            println!("{}: {:?}", c.name, found(c.text).iter().map(show).collect::<Vec<_>>());
        }
    }
    let failures: Vec<String> = CASES.iter().filter(|c| c.known_gap.is_empty()).filter_map(check).collect();
    let zh = CASES.iter().filter(|c| c.text.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch))).count();
    assert!(zh >= 12, "at least 12 Chinese cases, have {zh}");
    let gaps: Vec<super::table::Gap> = gaps
        .iter()
        .map(|g| super::table::Gap { name: g.name, reason: g.known_gap, passes_now: check(g).is_none() })
        .collect();
    super::table::finish("claim", CASES.len(), &gaps, &failures, 60, 20, 0.75);
}
