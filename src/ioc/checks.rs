//! Validators: public-suffix check, IP addresses, Bitcoin and Ethereum checksums.

use sha2::{Digest, Sha256};

/// Known public suffix with at least one label in front of it.
pub(crate) fn registrable(host_lower: &str) -> bool {
    let b = host_lower.as_bytes();
    match psl::suffix(b) {
        Some(s) if s.is_known() => {}
        _ => return false,
    }
    psl::domain(b).is_some()
}

/// A host that an e-mail address or a URL with a scheme can name: a registrable domain, or a
/// public suffix of two labels or more, which is a site of its own too ("gov.cn", "net.tw").
pub(crate) fn addressable(host_lower: &str) -> bool {
    if registrable(host_lower) {
        return true;
    }
    let b = host_lower.as_bytes();
    host_lower.contains('.') && psl::suffix(b).is_some_and(|s| s.is_known() && s.as_bytes().len() == b.len())
}

/// Dotted-quad IPv4 from refanged text: 4 decimal octets ≤ 255 (1–3 digits each).
/// Returns the canonical form (leading zeros dropped).
pub(crate) fn ipv4(s: &str) -> Option<String> {
    let mut out = String::with_capacity(15);
    let mut n = 0;
    for part in s.split('.') {
        n += 1;
        if n > 4 || part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let v: u32 = part.parse().ok()?;
        if v > 255 {
            return None;
        }
        if n > 1 {
            out.push('.');
        }
        out.push_str(&v.to_string());
    }
    (n == 4).then_some(out)
}

pub(crate) fn ipv6(s: &str) -> bool {
    s.parse::<std::net::Ipv6Addr>().is_ok() && s != "::"
}

const B58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

fn base58_decode(s: &str) -> Option<Vec<u8>> {
    let mut map = [255u8; 128];
    for (i, &c) in B58.iter().enumerate() {
        map[c as usize] = i as u8;
    }
    let mut bytes: Vec<u8> = Vec::with_capacity(32);
    for c in s.bytes() {
        if c >= 128 || map[c as usize] == 255 {
            return None;
        }
        let mut carry = map[c as usize] as u32;
        for b in bytes.iter_mut().rev() {
            carry += (*b as u32) * 58;
            *b = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            bytes.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let zeros = s.bytes().take_while(|&c| c == b'1').count();
    let mut out = vec![0u8; zeros];
    out.extend(bytes);
    Some(out)
}

/// Legacy (P2PKH, version 0x00) or P2SH (0x05) Base58Check address with a valid checksum.
pub(crate) fn bitcoin_base58(s: &str) -> bool {
    if !(25..=35).contains(&s.len()) || !(s.starts_with('1') || s.starts_with('3')) {
        return false;
    }
    let Some(raw) = base58_decode(s) else { return false };
    if raw.len() != 25 || !(raw[0] == 0x00 || raw[0] == 0x05) {
        return false;
    }
    let h1 = Sha256::digest(&raw[..21]);
    let h2 = Sha256::digest(h1);
    h2[..4] == raw[21..]
}

const BECH32_CHARSET: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

fn bech32_polymod(values: &[u8]) -> u32 {
    const GEN: [u32; 5] = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
    let mut chk: u32 = 1;
    for &v in values {
        let b = chk >> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ v as u32;
        for (i, g) in GEN.iter().enumerate() {
            if (b >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

/// SegWit `bc1` address: Bech32 checksum for witness version 0, Bech32m for versions 1–16,
/// program length as BIP-141/BIP-350 require. Mixed case is invalid.
pub(crate) fn bitcoin_bech32(s: &str) -> bool {
    if !(14..=74).contains(&s.len()) {
        return false;
    }
    let has_lower = s.bytes().any(|b| b.is_ascii_lowercase());
    let has_upper = s.bytes().any(|b| b.is_ascii_uppercase());
    if has_lower && has_upper {
        return false;
    }
    let s = s.to_ascii_lowercase();
    let Some(data_part) = s.strip_prefix("bc1") else { return false };
    let mut data = Vec::with_capacity(data_part.len());
    for c in data_part.bytes() {
        let Some(p) = BECH32_CHARSET.iter().position(|&x| x == c) else { return false };
        data.push(p as u8);
    }
    if data.len() < 7 {
        return false;
    }
    let mut v = vec![3u8, 3, 0, 2, 3]; // hrp "bc" expanded
    v.extend_from_slice(&data);
    let pm = bech32_polymod(&v);
    let witver = data[0];
    let ok_const = if witver == 0 { pm == 1 } else { pm == 0x2bc830a3 };
    if !ok_const || witver > 16 {
        return false;
    }
    // convert 5-bit groups (without version and checksum) to bytes
    let prog5 = &data[1..data.len() - 6];
    let (mut acc, mut bits, mut prog) = (0u32, 0u32, Vec::new());
    for &d in prog5 {
        acc = (acc << 5) | d as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            prog.push(((acc >> bits) & 0xff) as u8);
        }
    }
    if bits >= 5 || (acc & ((1 << bits) - 1)) != 0 {
        return false;
    }
    if !(2..=40).contains(&prog.len()) {
        return false;
    }
    !(witver == 0 && prog.len() != 20 && prog.len() != 32)
}

// ---- Keccak-256 for EIP-55 ----

const RC: [u64; 24] = [
    0x0000000000000001,
    0x0000000000008082,
    0x800000000000808A,
    0x8000000080008000,
    0x000000000000808B,
    0x0000000080000001,
    0x8000000080008081,
    0x8000000000008009,
    0x000000000000008A,
    0x0000000000000088,
    0x0000000080008009,
    0x000000008000000A,
    0x000000008000808B,
    0x800000000000008B,
    0x8000000000008089,
    0x8000000000008003,
    0x8000000000008002,
    0x8000000000000080,
    0x000000000000800A,
    0x800000008000000A,
    0x8000000080008081,
    0x8000000000008080,
    0x0000000080000001,
    0x8000000080008008,
];
const ROT: [u32; 25] = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];

fn keccak_f(a: &mut [u64; 25]) {
    for rc in RC {
        let mut c = [0u64; 5];
        for x in 0..5 {
            c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
        }
        for x in 0..5 {
            let d = c[(x + 4) % 5] ^ c[(x + 1) % 5].rotate_left(1);
            for y in 0..5 {
                a[x + 5 * y] ^= d;
            }
        }
        let mut b = [0u64; 25];
        for x in 0..5 {
            for y in 0..5 {
                b[y + 5 * ((2 * x + 3 * y) % 5)] = a[x + 5 * y].rotate_left(ROT[x + 5 * y]);
            }
        }
        for x in 0..5 {
            for y in 0..5 {
                a[x + 5 * y] = b[x + 5 * y] ^ (!b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y]);
            }
        }
        a[0] ^= rc;
    }
}

/// Keccak-256 (the pre-standard padding Ethereum uses), for inputs shorter than one block.
pub(crate) fn keccak256(input: &[u8]) -> [u8; 32] {
    const RATE: usize = 136;
    assert!(input.len() < RATE);
    let mut block = [0u8; RATE];
    block[..input.len()].copy_from_slice(input);
    block[input.len()] ^= 0x01;
    block[RATE - 1] ^= 0x80;
    let mut st = [0u64; 25];
    for i in 0..RATE / 8 {
        st[i] ^= u64::from_le_bytes(block[i * 8..i * 8 + 8].try_into().unwrap());
    }
    keccak_f(&mut st);
    let mut out = [0u8; 32];
    for i in 0..4 {
        out[i * 8..i * 8 + 8].copy_from_slice(&st[i].to_le_bytes());
    }
    out
}

/// `0x` + 40 hex digits; all-lower and all-upper accepted, mixed case must match EIP-55.
pub(crate) fn ethereum(s: &str) -> bool {
    let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) else { return false };
    if h.len() != 40 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return false;
    }
    let has_lower = h.bytes().any(|b| b.is_ascii_lowercase());
    let has_upper = h.bytes().any(|b| b.is_ascii_uppercase());
    if !(has_lower && has_upper) {
        return true;
    }
    let lower = h.to_ascii_lowercase();
    let hash = keccak256(lower.as_bytes());
    for (i, c) in h.bytes().enumerate() {
        if c.is_ascii_alphabetic() {
            let nib = (hash[i / 2] >> (if i % 2 == 0 { 4 } else { 0 })) & 0x0f;
            if (nib >= 8) != c.is_ascii_uppercase() {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keccak_empty() {
        let h = keccak256(b"");
        assert_eq!(h[0], 0xc5);
        assert_eq!(h[31], 0x70);
    }

    #[test]
    fn bitcoin_vectors() {
        assert!(bitcoin_base58("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"));
        assert!(bitcoin_base58("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"));
        assert!(!bitcoin_base58("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3"));
        assert!(bitcoin_bech32("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"));
        assert!(bitcoin_bech32("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4"));
        assert!(bitcoin_bech32("bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297"));
        assert!(!bitcoin_bech32("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr"));
    }

    #[test]
    fn eip55() {
        assert!(ethereum("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
        assert!(ethereum("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"));
        assert!(!ethereum("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
        assert!(ethereum("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"));
    }

    #[test]
    fn ext_tlds_that_psl_knows() {
        // documents which guarded extensions are real suffixes
        for e in ["zip", "mov", "py", "sh", "md", "rs", "pl"] {
            assert!(psl::suffix(format!("a.{e}").as_bytes()).unwrap().is_known(), "{e}");
        }
    }
}
