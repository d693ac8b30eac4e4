//! A compact binary form of scenario files. The app's build writes each built-in scenario in it
//! (read natively from its JSON, so every check still runs), and the browser reads it back: the
//! wasm then carries neither a JSON parser nor serde's visitors for a scenario file's types.
//! Integers are LEB128 (zig-zag for signed), strings and lists are length-prefixed, options a
//! byte. Reading never panics: a short or malformed blob is an error message.

use crate::engine::model::Health;
use crate::presentation::challenge::{Challenge, Given, Goal, Trigger};
use crate::presentation::scenario::*;

pub trait Pack {
    fn pack(&self, out: &mut Vec<u8>);
}

pub trait Unpack: Sized {
    fn unpack(r: &mut Reader) -> Result<Self, String>;
}

pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    fn byte(&mut self) -> Result<u8, String> {
        let b = *self
            .bytes
            .get(self.at)
            .ok_or("packed scenario ends too early")?;
        self.at += 1;
        Ok(b)
    }

    fn uint(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("packed scenario has an integer too long".into())
    }

    fn len(&mut self) -> Result<usize, String> {
        let n = self.uint()? as usize;
        // No list or string is longer than what is left to read: a bad length fails here
        // instead of asking for a huge allocation.
        if n > self.bytes.len() - self.at {
            return Err("packed scenario has a length past its end".into());
        }
        Ok(n)
    }

    /// The whole blob was read: trailing bytes mean it was written by another layout.
    pub fn finish(&self) -> Result<(), String> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err("packed scenario has bytes left over".into())
        }
    }
}

fn put_uint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

impl Pack for u64 {
    fn pack(&self, out: &mut Vec<u8>) {
        put_uint(out, *self);
    }
}
impl Unpack for u64 {
    fn unpack(r: &mut Reader) -> Result<Self, String> {
        r.uint()
    }
}
impl Pack for u32 {
    fn pack(&self, out: &mut Vec<u8>) {
        put_uint(out, u64::from(*self));
    }
}
impl Unpack for u32 {
    fn unpack(r: &mut Reader) -> Result<Self, String> {
        u32::try_from(r.uint()?).map_err(|_| "packed scenario has a number out of range".into())
    }
}
impl Pack for usize {
    fn pack(&self, out: &mut Vec<u8>) {
        put_uint(out, *self as u64);
    }
}
impl Unpack for usize {
    fn unpack(r: &mut Reader) -> Result<Self, String> {
        usize::try_from(r.uint()?).map_err(|_| "packed scenario has a number out of range".into())
    }
}
impl Pack for i32 {
    fn pack(&self, out: &mut Vec<u8>) {
        put_uint(out, ((*self << 1) ^ (*self >> 31)) as u32 as u64);
    }
}
impl Unpack for i32 {
    fn unpack(r: &mut Reader) -> Result<Self, String> {
        let z = u32::unpack(r)?;
        Ok(((z >> 1) as i32) ^ -((z & 1) as i32))
    }
}
impl Pack for bool {
    fn pack(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
}
impl Unpack for bool {
    fn unpack(r: &mut Reader) -> Result<Self, String> {
        match r.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err("packed scenario has a bad flag".into()),
        }
    }
}
impl Pack for String {
    fn pack(&self, out: &mut Vec<u8>) {
        put_uint(out, self.len() as u64);
        out.extend_from_slice(self.as_bytes());
    }
}
impl Unpack for String {
    fn unpack(r: &mut Reader) -> Result<Self, String> {
        let n = r.len()?;
        let bytes = &r.bytes[r.at..r.at + n];
        r.at += n;
        String::from_utf8(bytes.to_vec()).map_err(|_| "packed scenario has bad text".into())
    }
}
impl<T: Pack> Pack for Option<T> {
    fn pack(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.pack(out);
            }
        }
    }
}
impl<T: Unpack> Unpack for Option<T> {
    fn unpack(r: &mut Reader) -> Result<Self, String> {
        Ok(if bool::unpack(r)? {
            Some(T::unpack(r)?)
        } else {
            None
        })
    }
}
impl<T: Pack> Pack for Vec<T> {
    fn pack(&self, out: &mut Vec<u8>) {
        put_uint(out, self.len() as u64);
        for v in self {
            v.pack(out);
        }
    }
}
impl<T: Unpack> Unpack for Vec<T> {
    fn unpack(r: &mut Reader) -> Result<Self, String> {
        let n = r.len()?;
        (0..n).map(|_| T::unpack(r)).collect()
    }
}

impl Pack for Health {
    fn pack(&self, out: &mut Vec<u8>) {
        out.push(self.code());
    }
}
impl Unpack for Health {
    fn unpack(r: &mut Reader) -> Result<Self, String> {
        Health::from_code(r.byte()?).ok_or_else(|| "packed scenario has a bad health".into())
    }
}

impl Pack for BoundaryClass {
    fn pack(&self, out: &mut Vec<u8>) {
        out.push(*self as u8);
    }
}
impl Unpack for BoundaryClass {
    fn unpack(r: &mut Reader) -> Result<Self, String> {
        match r.byte()? {
            0 => Ok(BoundaryClass::Fitted),
            1 => Ok(BoundaryClass::Scripted),
            2 => Ok(BoundaryClass::Predicted),
            _ => Err("packed scenario has a bad boundary class".into()),
        }
    }
}

impl Pack for Goal {
    fn pack(&self, out: &mut Vec<u8>) {
        match self {
            Goal::NeverImpaired { service } => {
                out.push(0);
                service.pack(out);
            }
            Goal::HealthyFrom { service, at } => {
                out.push(1);
                service.pack(out);
                at.pack(out);
            }
        }
    }
}
impl Unpack for Goal {
    fn unpack(r: &mut Reader) -> Result<Self, String> {
        match r.byte()? {
            0 => Ok(Goal::NeverImpaired {
                service: String::unpack(r)?,
            }),
            1 => Ok(Goal::HealthyFrom {
                service: String::unpack(r)?,
                at: String::unpack(r)?,
            }),
            _ => Err("packed scenario has a bad goal".into()),
        }
    }
}

/// Both directions from one list of fields, so the two cannot drift apart: a field missing
/// from the list fails to compile (the struct literal needs it).
macro_rules! packed {
    ($($ty:ident { $($field:ident),* $(,)? })*) => {$(
        impl Pack for $ty {
            fn pack(&self, out: &mut Vec<u8>) {
                $(self.$field.pack(out);)*
            }
        }
        impl Unpack for $ty {
            fn unpack(r: &mut Reader) -> Result<Self, String> {
                Ok($ty { $($field: Unpack::unpack(r)?,)* })
            }
        }
    )*};
}

packed! {
    Canvas { width, height }
    Portrait { canvas, nodes }
    Place { id, x, y }
    Group { id, label, members }
    Node { id, x, y, az, about, label }
    Edge { from, to, tag }
    Reference { at, service, tag, what }
    ReferenceWindow { service, from, to, tag, to_tag, what, from_basis, to_basis, from_health, to_health, departs }
    Departs { start, end }
    Basis { class, by }
    Chapter { title, at, node, narration, tags, claims, callouts, mechanism, question, notes }
    Question { ask, choices, answer }
    Callout { node, row, limit }
    Claim { node, health }
    Sources { tags, documents }
    TagMeaning { tag, label, meaning }
    Document { title, kind, address, no_address, tags, supports }
    ScriptEntry { at, token, note }
    Challenge { title, task, at, node, goal, given, reality }
    Given { service, at, why }
    Trigger { token, what }
    ChartSpec { title, shares, unit, zoom, series }
    SeriesSpec { label, gauge, limit }
    Lesson { trigger, sustained, recovery }
    LessonPoint { text, tags }
    ScenarioFile {
        id, title, subtitle, start, end, timezone, source, canvas, groups, nodes, edges,
        reference, windows, script, chapters, challenges, trigger, opens_at, opens_on_chapter, sources,
        strip, charts, departures, lesson, portrait,
    }
}

/// A scenario file in its packed form.
pub fn pack(file: &ScenarioFile) -> Vec<u8> {
    let mut out = Vec::new();
    file.pack(&mut out);
    out
}

/// A short name of a packed file's bytes (FNV-1a, 64 bits, as 16 hex digits): a page that
/// fetches a scenario checks the bytes it got are the ones its build named, so two builds'
/// files never mix.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Where a built-in scenario the wasm does not carry is served, beside the page, named by its
/// fingerprint.
pub fn fetched_path(id: &str, fingerprint: &str) -> String {
    format!("scenarios/{id}-{fingerprint}.bin")
}

/// A scenario file from its packed form; every problem is a message.
pub fn unpack(bytes: &[u8]) -> Result<ScenarioFile, String> {
    let mut r = Reader::new(bytes);
    let file = ScenarioFile::unpack(&mut r)?;
    r.finish()?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_changes_with_any_byte() {
        let a = fingerprint(b"scenario");
        assert_eq!(a.len(), 16);
        assert_eq!(a, fingerprint(b"scenario"));
        assert_ne!(a, fingerprint(b"scenariO"));
        assert_ne!(a, fingerprint(b"scenario "));
    }

    #[test]
    fn signed_numbers_round_trip() {
        for v in [0, 1, -1, 63, -64, i32::MAX, i32::MIN] {
            let mut out = Vec::new();
            v.pack(&mut out);
            assert_eq!(i32::unpack(&mut Reader::new(&out)), Ok(v));
        }
    }
}
