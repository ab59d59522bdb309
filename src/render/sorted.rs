//! Compact JSON with the keys of every object in sorted order, written straight from a
//! serialisable value: the bytes `serde_json::to_value` followed by `report::write_json` gives
//! (sorted keys, the same escaping of unsafe characters), without building the value tree.
//! JSON Lines messages use it: one message per line, every line of a kind laid out alike.

use serde::ser::{self, Serialize};
use serde_json::Error;
use std::borrow::Cow;
use std::cell::RefCell;
use std::io::Write;

/// Appends `value` to `out`. With `extra`, the top-level object gets that key and (string)
/// value as well, in its sorted place, replacing a field of the same name.
pub fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T, extra: Option<(&str, &str)>) -> Result<(), Error> {
    let written = value.serialize(Ser { out, extra, top: false });
    if written.is_err() {
        // an error may leave members of unfinished objects behind
        STACK.with(|st| st.borrow_mut().clear());
    }
    written
}

/// A leaf (string, number, boolean, null) as `write_json` writes it.
fn leaf<T: Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) -> Result<(), Error> {
    crate::report::write_json(out, &v, false).map_err(Error::io)
}

/// A string as `write_json` writes it.
fn string(out: &mut Vec<u8>, s: &str) -> Result<(), Error> {
    crate::report::push_json_str(out, s);
    Ok(())
}

/// An integer, in the digits `write_json` writes.
fn integer<I: itoa::Integer>(out: &mut Vec<u8>, v: I) -> Result<(), Error> {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
    Ok(())
}

/// A key's first eight bytes (zero-padded) read as one number: keys mostly differ there, and
/// numbers compare in one instruction.
#[inline]
fn key_head(k: &str) -> u64 {
    let mut h = [0u8; 8];
    let n = k.len().min(8);
    h[..n].copy_from_slice(&k.as_bytes()[..n]);
    u64::from_be_bytes(h)
}

/// Key order: on the heads first, on the whole keys when those tie.
#[inline]
fn key_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    key_head(a).cmp(&key_head(b)).then_with(|| a.cmp(b))
}

/// `a < b` for keys.
#[inline]
fn key_less(a: &str, b: &str) -> bool {
    key_cmp(a, b).is_lt()
}

/// An object key, quoted and escaped.
fn key(out: &mut Vec<u8>, k: &str) -> Result<(), Error> {
    string(out, k)
}

/// A member's key. A struct field's name (`field`: a Rust identifier, or a rename in this
/// crate; checked in debug builds) is copied as it is, any other key escaped. Members hold
/// field names borrowed and other keys owned.
fn member_key(out: &mut Vec<u8>, k: &str, field: bool) -> Result<(), Error> {
    if !field {
        return key(out, k);
    }
    debug_assert!(
        k.bytes().all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\'),
        "field name {k:?} needs escaping"
    );
    out.reserve(k.len() + 2);
    out.push(b'"');
    out.extend_from_slice(k.as_bytes());
    out.push(b'"');
    Ok(())
}

struct Ser<'a, 'e> {
    out: &'a mut Vec<u8>,
    extra: Option<(&'e str, &'e str)>,
    /// The value of a JSON Lines message: its members, sorted, are handed to `line` (through
    /// `TOP`) to write out directly, instead of being laid out again in memory.
    top: bool,
}

type Members = Vec<(Cow<'static, str>, usize, usize)>;

/// How the top-level object of a message ended.
enum Top {
    /// Its keys came in order: the buffer holds it, complete.
    Written,
    /// Its members, in key order, for `line` to write from the buffer.
    Members(Members),
}

thread_local! {
    static TOP: RefCell<Option<Top>> = const { RefCell::new(None) };
    /// The members of the objects being written, innermost last: an object's own start at
    /// its `base` (an inner object is finished before its outer one takes the next member).
    static STACK: RefCell<Members> = const { RefCell::new(Vec::new()) };
}

/// An object being written. While its keys come in increasing order (struct fields declared
/// in key order, sorted maps) each member is written in place, `"key":value`; the first key
/// out of order turns it to the general way, in which the members' values, already written,
/// are laid out again in key order when it ends.
struct Object<'a, 'e> {
    out: &'a mut Vec<u8>,
    start: usize,
    /// Where this object's members start in `STACK`.
    base: usize,
    /// Keys so far in increasing order, so that `out` holds the object as it is to be.
    direct: bool,
    extra: Option<(&'e str, &'e str)>,
    /// The extra member has been written in its place.
    extra_written: bool,
    /// A map's key, waiting for its value.
    pending_key: Option<String>,
    /// Closing of a `{"variant": {...}}` wrapper.
    wrapped: bool,
    top: bool,
}

impl<'a, 'e> Object<'a, 'e> {
    fn new(out: &'a mut Vec<u8>, extra: Option<(&'e str, &'e str)>, wrapped: bool, top: bool) -> Self {
        let start = out.len();
        out.push(b'{');
        let base = STACK.with(|st| st.borrow().len());
        Object { out, start, base, direct: true, extra, extra_written: false, pending_key: None, wrapped, top }
    }

    /// Writes `,"key":` (no comma before the first member) and returns where the value starts.
    fn open_member(&mut self, k: &str, field: bool) -> Result<usize, Error> {
        if self.out.len() > self.start + 1 {
            self.out.push(b',');
        }
        member_key(self.out, k, field)?;
        self.out.push(b':');
        Ok(self.out.len())
    }

    fn member<T: Serialize + ?Sized>(&mut self, k: Cow<'static, str>, value: &T) -> Result<(), Error> {
        if self.direct {
            if let Some((xk, xv)) = self.extra.filter(|_| !self.extra_written) {
                match k.as_ref().cmp(xk) {
                    std::cmp::Ordering::Less => {}
                    // a member the extra one replaces: the general way sets it aside
                    std::cmp::Ordering::Equal => self.direct = false,
                    std::cmp::Ordering::Greater => {
                        let s = self.open_member(xk, false)?;
                        string(self.out, xv)?;
                        let e = self.out.len();
                        STACK.with(|st| st.borrow_mut().push((Cow::Owned(xk.to_string()), s, e)));
                        self.extra_written = true;
                    }
                }
            }
            if self.direct {
                let in_order = STACK.with(|st| {
                    let st = st.borrow();
                    st.len() == self.base || st.last().is_some_and(|last| key_less(&last.0, &k))
                });
                self.direct = in_order;
            }
        }
        let s = self.open_member(&k, matches!(k, Cow::Borrowed(_)))?;
        value.serialize(Ser { out: &mut *self.out, extra: None, top: false })?;
        let e = self.out.len();
        STACK.with(|st| st.borrow_mut().push((k, s, e)));
        Ok(())
    }

    fn end(mut self) -> Result<(), Error> {
        if self.direct {
            if let Some((xk, xv)) = self.extra.filter(|_| !self.extra_written) {
                self.open_member(xk, false)?;
                string(self.out, xv)?;
            }
            STACK.with(|st| st.borrow_mut().truncate(self.base));
            self.out.push(b'}');
            if self.wrapped {
                self.out.push(b'}');
            }
            if self.top {
                TOP.with(|t| *t.borrow_mut() = Some(Top::Written));
            }
            return Ok(());
        }
        let mut members: Members = STACK.with(|st| st.borrow_mut().split_off(self.base));
        if let Some((k, v)) = self.extra {
            members.retain(|m| m.0 != k);
            let s = self.out.len();
            string(self.out, v)?;
            members.push((Cow::Owned(k.to_string()), s, self.out.len()));
        }
        // Later members win over earlier ones of the same key, as in a map (a stable sort).
        members.reverse();
        members.sort_by(|a, b| key_cmp(&a.0, &b.0));
        members.dedup_by(|a, b| a.0 == b.0);
        if self.top {
            TOP.with(|t| *t.borrow_mut() = Some(Top::Members(members)));
            return Ok(());
        }
        // Lay the members out again in key order, through a scratch buffer kept per thread
        // (an inner object is finished before the outer one starts its layout).
        thread_local!(static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) });
        SCRATCH.with(|scratch| {
            let mut tmp = scratch.take();
            tmp.clear();
            tmp.push(b'{');
            for (i, (k, s, e)) in members.iter().enumerate() {
                if i > 0 {
                    tmp.push(b',');
                }
                member_key(&mut tmp, k, matches!(k, Cow::Borrowed(_)))?;
                tmp.push(b':');
                tmp.extend_from_slice(&self.out[*s..*e]);
            }
            tmp.push(b'}');
            if self.wrapped {
                tmp.push(b'}');
            }
            self.out.truncate(self.start);
            self.out.extend_from_slice(&tmp);
            if tmp.capacity() <= 1 << 16 {
                scratch.replace(tmp);
            }
            Ok(())
        })
    }
}

struct Array<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
    wrapped: bool,
}

impl Array<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        value.serialize(Ser { out: &mut *self.out, extra: None, top: false })
    }

    fn end(self) -> Result<(), Error> {
        self.out.push(b']');
        if self.wrapped {
            self.out.push(b'}');
        }
        Ok(())
    }
}

/// `{"variant":` before a variant's content.
fn open_variant(out: &mut Vec<u8>, variant: &str) -> Result<(), Error> {
    out.push(b'{');
    key(out, variant)?;
    out.push(b':');
    Ok(())
}

impl<'a, 'e> ser::Serializer for Ser<'a, 'e> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Array<'a>;
    type SerializeTuple = Array<'a>;
    type SerializeTupleStruct = Array<'a>;
    type SerializeTupleVariant = Array<'a>;
    type SerializeMap = Object<'a, 'e>;
    type SerializeStruct = Object<'a, 'e>;
    type SerializeStructVariant = Object<'a, 'e>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        integer(self.out, v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        integer(self.out, v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        integer(self.out, v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        integer(self.out, v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        integer(self.out, v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        integer(self.out, v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        integer(self.out, v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        integer(self.out, v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        // As a value tree holds it: widened to f64.
        leaf(self.out, &(v as f64))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        leaf(self.out, &v)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        leaf(self.out, &v)
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        string(self.out, v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut a = Array { out: self.out, first: true, wrapped: false };
        a.out.push(b'[');
        for b in v {
            a.element(b)?;
        }
        a.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), Error> {
        string(self.out, variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        open_variant(self.out, variant)?;
        value.serialize(Ser { out: &mut *self.out, extra: None, top: false })?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Array<'a>, Error> {
        self.out.push(b'[');
        Ok(Array { out: self.out, first: true, wrapped: false })
    }
    fn serialize_tuple(self, len: usize) -> Result<Array<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Array<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Array<'a>, Error> {
        open_variant(self.out, variant)?;
        self.out.push(b'[');
        Ok(Array { out: self.out, first: true, wrapped: true })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Object<'a, 'e>, Error> {
        Ok(Object::new(self.out, self.extra, false, self.top))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Object<'a, 'e>, Error> {
        Ok(Object::new(self.out, self.extra, false, self.top))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Object<'a, 'e>, Error> {
        open_variant(self.out, variant)?;
        Ok(Object::new(self.out, None, true, false))
    }
}

impl ser::SerializeSeq for Array<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Array::end(self)
    }
}

impl ser::SerializeTuple for Array<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Array::end(self)
    }
}

impl ser::SerializeTupleStruct for Array<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Array::end(self)
    }
}

impl ser::SerializeTupleVariant for Array<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Array::end(self)
    }
}

impl ser::SerializeStruct for Object<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, k: &'static str, value: &T) -> Result<(), Error> {
        self.member(Cow::Borrowed(k), value)
    }
    fn end(self) -> Result<(), Error> {
        Object::end(self)
    }
}

impl ser::SerializeStructVariant for Object<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, k: &'static str, value: &T) -> Result<(), Error> {
        self.member(Cow::Borrowed(k), value)
    }
    fn end(self) -> Result<(), Error> {
        Object::end(self)
    }
}

impl ser::SerializeMap for Object<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Error> {
        // Keys become strings, as in a value tree.
        let v = serde_json::to_value(k)?;
        self.pending_key = Some(match v {
            serde_json::Value::String(s) => s,
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::Bool(b) => b.to_string(),
            _ => return Err(ser::Error::custom("key must be a string")),
        });
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let k = self.pending_key.take().ok_or_else(|| <Error as ser::Error>::custom("value without a key"))?;
        self.member(Cow::Owned(k), value)
    }
    fn end(self) -> Result<(), Error> {
        Object::end(self)
    }
}

/// Writes one JSON Lines message: `value` with `"type": kind` among its keys, and a newline.
/// An object's members go straight from their buffer to `out` in key order, so a message is
/// held once in memory (some assessments list many thousands of claims).
pub fn line<T: Serialize + ?Sized>(out: &mut dyn Write, kind: &str, value: &T) -> std::io::Result<()> {
    let mut buf = Vec::with_capacity(512);
    match serialize_top(&mut buf, kind, value)? {
        None => out.write_all(&buf)?, // not an object, or one written in order
        Some(members) => write_members(out, &buf, &members)?,
    }
    out.write_all(b"\n")
}

/// `line`, appending to a buffer: a message written in key order is made in place.
#[cfg(test)]
pub fn line_into<T: Serialize + ?Sized>(out: &mut Vec<u8>, kind: &str, value: &T) -> std::io::Result<()> {
    let start = out.len();
    let members = serialize_top(out, kind, value).inspect_err(|_| out.truncate(start))?;
    if let Some(mut members) = members {
        let buf = out.split_off(start);
        for m in &mut members {
            (m.1, m.2) = (m.1 - start, m.2 - start);
        }
        write_members(out, &buf, &members)?;
    }
    out.push(b'\n');
    Ok(())
}

/// Serializes a message's value at the end of `buf`; returns the members of a top-level
/// object whose keys came out of order, in key order, for `write_members`.
fn serialize_top<T: Serialize + ?Sized>(buf: &mut Vec<u8>, kind: &str, value: &T) -> std::io::Result<Option<Members>> {
    TOP.with(|t| t.borrow_mut().take());
    let written = value.serialize(Ser { out: buf, extra: Some(("type", kind)), top: true });
    if written.is_err() {
        // an error may leave members of unfinished objects behind
        STACK.with(|st| st.borrow_mut().clear());
    }
    written.map_err(std::io::Error::from)?;
    Ok(match TOP.with(|t| t.borrow_mut().take()) {
        None | Some(Top::Written) => None,
        Some(Top::Members(members)) => Some(members),
    })
}

/// An object from its members' values in `buf`, in the members' order.
fn write_members(out: &mut dyn Write, buf: &[u8], members: &Members) -> std::io::Result<()> {
    let mut head = Vec::with_capacity(64);
    out.write_all(b"{")?;
    for (i, (k, s, e)) in members.iter().enumerate() {
        head.clear();
        if i > 0 {
            head.push(b',');
        }
        member_key(&mut head, k, matches!(k, Cow::Borrowed(_))).map_err(std::io::Error::from)?;
        head.push(b':');
        out.write_all(&head)?;
        out.write_all(&buf[*s..*e])?;
    }
    out.write_all(b"}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[test]
    fn keys_compare_as_strings_do() {
        let mut rng = crate::testrng::Rng(0x6b65_7973_0000_0001);
        let pieces = ["a", "b", "_", "-", "\u{0}", "é", "z", "aaaaaaa", "id", "span"];
        for _ in 0..50_000 {
            let (n, m) = (rng.below(6), rng.below(6));
            let (a, b) = (rng.text(&pieces, n), rng.text(&pieces, m));
            assert_eq!(key_less(&a, &b), a < b, "{a:?} {b:?}");
        }
    }

    /// What the value-tree route writes.
    fn via_tree<T: Serialize>(v: &T, extra: Option<(&str, &str)>) -> Vec<u8> {
        let mut v = serde_json::to_value(v).unwrap();
        if let (Some((k, x)), serde_json::Value::Object(m)) = (extra, &mut v) {
            m.insert(k.into(), serde_json::Value::String(x.into()));
        }
        let mut out = Vec::new();
        crate::report::write_json(&mut out, &v, false).unwrap();
        out
    }

    fn direct<T: Serialize>(v: &T, extra: Option<(&str, &str)>) -> Vec<u8> {
        let mut out = Vec::new();
        write(&mut out, v, extra).unwrap();
        out
    }

    #[derive(Serialize)]
    enum E {
        Unit,
        New(u8),
        Tuple(u8, String),
        Struct { z: i32, a: Option<f64> },
    }

    #[derive(Serialize)]
    struct Inner {
        zeta: f32,
        alpha: Vec<E>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
    }

    #[derive(Serialize)]
    struct Outer {
        type_: &'static str,
        text: String,
        kind: char,
        count: usize,
        neg: i64,
        nan: f64,
        map: BTreeMap<i32, bool>,
        inner: Inner,
        nothing: Option<String>,
        unit: (),
        tuple: (u8, &'static str),
    }

    #[derive(Serialize)]
    struct InOrder {
        alpha: u8,
        beta: Outer,
        kind: &'static str,
        r#type: &'static str,
        zed: Vec<Inner>,
    }

    #[test]
    fn same_bytes_as_the_value_tree() {
        let v = Outer {
            type_: "x",
            text: "a\u{202e}b \"q\" \u{85}\n 中文".into(),
            kind: 'é',
            count: 18_446_744_073_709_551,
            neg: -5,
            nan: f64::NAN,
            map: [(10, true), (-2, false), (3, true)].into_iter().collect(),
            inner: Inner {
                zeta: 0.1,
                alpha: vec![E::Unit, E::New(7), E::Tuple(1, "t".into()), E::Struct { z: -1, a: Some(2.5) }],
                skipped: None,
            },
            nothing: None,
            unit: (),
            tuple: (1, "two"),
        };
        assert_eq!(String::from_utf8(direct(&v, None)).unwrap(), String::from_utf8(via_tree(&v, None)).unwrap());
        assert_eq!(direct(&v, Some(("type", "claim"))), via_tree(&v, Some(("type", "claim"))));
        assert_eq!(direct(&v, Some(("text", "over"))), via_tree(&v, Some(("text", "over"))));
        let mut l = Vec::new();
        line(&mut l, "claim", &v).unwrap();
        let mut want = via_tree(&v, Some(("type", "claim")));
        want.push(b'\n');
        assert_eq!(l, want);
        // keys in order, written in place; an out-of-order object inside one in order; a field
        // the extra member replaces; the extra member first, in the middle and last
        let o = InOrder {
            alpha: 1,
            beta: v,
            kind: "k",
            r#type: "own",
            zed: vec![Inner { zeta: 2.0, alpha: vec![], skipped: Some(3) }],
        };
        for extra in
            [None, Some(("aaa", "first")), Some(("c", "middle")), Some(("type", "claim")), Some(("zz", "last"))]
        {
            assert_eq!(String::from_utf8(direct(&o, extra)).unwrap(), String::from_utf8(via_tree(&o, extra)).unwrap());
        }
        let mut l = Vec::new();
        line(&mut l, "claim", &o).unwrap();
        let mut want = via_tree(&o, Some(("type", "claim")));
        want.push(b'\n');
        assert_eq!(l, want);
        let j = serde_json::json!({"b": [1, {"y": null, "x": "s"}], "a": 1.5});
        assert_eq!(direct(&j, Some(("type", "summary"))), via_tree(&j, Some(("type", "summary"))));
    }
}
