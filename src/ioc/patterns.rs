//! The regular expressions. Matching runs on bytes of the normalised text with Unicode classes
//! off; the few non-ASCII pieces are spelt as UTF-8 byte sequences.

/// A host-label character: ASCII letters, digits, '_' and '-', or a two-byte UTF-8 character in
/// U+00C0–U+04FF (Latin, Greek, Cyrillic letters of internationalised names). CJK characters are
/// three bytes long and never part of a label, so indicators glued to Chinese text separate.
const LCH: &str = r"(?:[A-Za-z0-9_\-]|[\xC3-\xD3][\x80-\xBF])";
const SP: &str = r"[\x20\t]";

pub(crate) fn dot() -> String {
    format!(
        r"(?:\.|{SP}*\\?[\[\(\{{]{SP}*(?:\.|(?i:dot)){SP}*\\?[\]\)\}}]{SP}*|[\[\(\{{]+\.[\]\)\}}]*|\.[\]\)\}}]+|\\+\.|{SP}+(?:dot|DOT|Dot){SP}+)"
    )
}

pub(crate) fn host() -> String {
    let d = dot();
    format!(r"{LCH}+(?:{d}{LCH}+)+")
}

/// Path, query and fragment characters: printable ASCII except space and '<', the `[/]` defang,
/// and two-byte UTF-8 characters. Trailing punctuation is trimmed in code.
const REST: &str = r"(?:[!-;=-~]|[\xC2-\xDF][\x80-\xBF])*";

const SCHEME: &str = r"(?i:h(?:tt|xx|\*\*|__|x|00)ps?|f[xt]ps?|ftx|sftp|tftp|tcp|udp|wss?|smb|file|ssh|telnet|rdp|ldaps?|irc|git|svn|rtsp|socks[45]?)";
const SEP: &str = r"(?:(?::|\[:\]|\(:\))(?://|\\{1,2}|__)|\[://\]|\(://\)|\{://\}|__)";

const UHYPHEN: &str = r"(?:\xE2\x80[\x90-\x95]|\xE2\x88\x92|\xEF\xB9\xA3)";

/// Path segment (Windows paths and registry keys): printable ASCII but space, '"' and '\',
/// or two-byte UTF-8; single spaces inside a segment allowed (trimmed in code on the last one).
const SEGCH: &str = r"(?:[!#-\[\]-~]|[\xC2-\xDF][\x80-\xBF])";

/// Every indicator shape but the bare token (`[0-9A-Za-z]{25,}`, hashes and wallet addresses):
/// a counted run of the commonest bytes multiplies the automaton's states, and runs are found by
/// `token_run` instead, in the place the token alternative held (after `hostish`; no shape after
/// it can start with a letter or digit).
pub(crate) fn master() -> String {
    let h = host();
    let d = dot();
    // a segment may hold a few single spaces ("Program Files", "Windows NT") only when another
    // segment follows it; the last one has none
    let seg = format!(r"{SEGCH}+(?:\x20{SEGCH}+){{0,3}}\x20?");
    let last = format!(r"{SEGCH}+");
    let uch = r"(?:[A-Za-z0-9._\-+@%=,~#$]|[\xC2-\xDF][\x80-\xBF])";
    let url = format!(
        r"(?P<url>(?P<us>{SCHEME})(?P<usep>{SEP}){SP}?(?:[A-Za-z0-9._~%!$&'*+;=:\-]+@)?(?P<uh>\[[0-9A-Fa-f:.]+\]|{h}|[0-9A-Fa-f]{{1,4}}(?::[0-9A-Fa-f]{{0,4}}){{2,7}})(?P<ur>(?::[0-9]{{1,5}})?(?:(?:/|\[/\]|\(/\)|\?|\#|\\){REST})?))"
    );
    let email = format!(
        r"(?P<email>(?P<el>[A-Za-z0-9_%+\-](?:[A-Za-z0-9._%+\-]*[A-Za-z0-9_%+\-])?)(?P<eat>@|{SP}*\\?[\[\(\{{]{SP}*(?:@|(?i:at)){SP}*\\?[\]\)\}}]{SP}*|{SP}+(?:at|AT){SP}+|{SP}+@{SP}*|@{SP}+)(?P<ed>\[(?i:ipv6):[0-9A-Fa-f:.]+\]|\[[0-9]{{1,3}}(?:\.[0-9]{{1,3}}){{3}}\]|{h}))"
    );
    let cve = format!(
        r"(?P<cve>(?i:cve)(?:{SP}?(?:[\-_\x20]|{UHYPHEN}))?{SP}?(?P<cy>[0-9]{{4}}){SP}?(?:\-|{UHYPHEN}){SP}?(?P<cn>[0-9]{{4,7}}))"
    );
    let attack = r"(?P<attack>[Tt][0-9]{4}(?:\.[0-9]{3})?)";
    let reg = format!(
        r"(?P<reg><?(?P<hive>(?i:HKEY_LOCAL_MACHINE|HKEY_CURRENT_USER|HKEY_CLASSES_ROOT|HKEY_USERS|HKEY_CURRENT_CONFIG|HKEY_PERFORMANCE_DATA|HKEY_DYN_DATA|HKLM|HKCU|HKCR|HKCC|HKU))>?(?:\\{{1,2}}{seg})*\\{{1,2}}{last})"
    );
    let win = format!(r"(?P<win>(?:[A-Za-z]:|%[A-Za-z_][A-Za-z0-9_()]*%)\\{{1,2}}(?:{seg}\\{{1,2}})*{last})");
    let unc = format!(r"(?P<unc>\\\\{LCH}+(?:\.{LCH}+)*(?:\\{seg})*\\{last})");
    let v6 = r"(?P<v6>[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]*)";
    let hostish = format!(r"(?P<host>(?P<hh>{h})(?P<hp>:[0-9]{{1,5}})?(?P<hr>(?:/|\[/\]|\(/\)){REST})?)");
    let unix = format!(r"(?P<unix>(?:~|\.{{1,2}})?/{uch}+(?:/{uch}+(?:\x20[A-Z]{uch}*)*)+/?)");
    let handle = r"(?P<handle>@[A-Za-z0-9_]{2,30})";
    let _ = d;
    format!("(?-u){url}|{email}|{cve}|{attack}|{reg}|{win}|{unc}|{v6}|{hostish}|{unix}|{handle}")
}

/// Inside a host candidate that failed validation: dotted quads and long tokens.
pub(crate) fn inner() -> String {
    let d = dot();
    format!(r"(?-u)(?P<ip>[0-9]{{1,3}}(?:{d}[0-9]{{1,3}}){{3}})|(?P<tok>[0-9A-Za-z]{{25,}})")
}
