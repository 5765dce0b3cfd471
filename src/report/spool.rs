//! A spool: an append-only sequence of values kept in a compact binary form, in memory up to
//! a threshold, then in a temporary file (in `std::env::temp_dir()`, deleted when the spool is
//! dropped, or by the system if the process dies). Read back as a stream, as many times as
//! needed, from the start or from an offset. It is what keeps the memory of a run flat
//! whatever the size of the batch: the report's findings and item summaries go through it.
//!
//! The encoding is private to the process (an entry is a length, then the value; paths, rules
//! and other shared strings are numbers in the spool's own table), so it needs no versioning.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::marker::PhantomData;
use std::sync::{Arc, Mutex};

use crate::checks::{ItemSummary, RuleInfo};
use crate::findings::{Context, Evidence, EvidenceKind, Finding, Msg, Severity};
use crate::model::Level;
use crate::source::{LineCol, Location, Span};

/// Bytes a spool keeps in memory before it spills to a temporary file (then, the size of each
/// write to it).
pub const DEFAULT_THRESHOLD: usize = 256 << 10;

/// Bytes read from the temporary file at a time.
const READ_CHUNK: usize = 64 << 10;

/// The shared values of a spool: strings that many entries repeat (paths, lesson ids,
/// languages), static strings and rules, each stored once and named by its number.
#[derive(Default)]
pub struct Interner {
    strs: Vec<Arc<str>>,
    str_ids: HashMap<Arc<str>, u32>,
    statics: Vec<&'static str>,
    static_ids: HashMap<&'static str, u32>,
    rules: Vec<&'static RuleInfo>,
    rule_ids: HashMap<usize, u32>,
}

impl Interner {
    fn str_id(&mut self, s: &Arc<str>) -> u32 {
        if let Some(&i) = self.str_ids.get(s) {
            return i;
        }
        let i = self.strs.len() as u32;
        // A copy made here, on the thread that fills the spool: the table lives as long as
        // the report, and keeping the worker's own string would keep alive a small block
        // among the worker's short-lived ones (memory the allocator then cannot reuse as
        // well: measured, docs/design.md "The streamed report").
        let own: Arc<str> = Arc::from(&**s);
        self.strs.push(own.clone());
        self.str_ids.insert(own, i);
        i
    }

    fn static_id(&mut self, s: &'static str) -> u32 {
        let next = self.statics.len() as u32;
        let i = *self.static_ids.entry(s).or_insert(next);
        if i == next {
            self.statics.push(s);
        }
        i
    }

    fn rule_id(&mut self, r: &'static RuleInfo) -> u32 {
        let next = self.rules.len() as u32;
        let i = *self
            .rule_ids
            .entry(r as *const RuleInfo as usize)
            .or_insert(next);
        if i == next {
            self.rules.push(r);
        }
        i
    }
}

/// A table of shared values, for one spool or several.
pub type Table = Arc<Mutex<Interner>>;

/// The table, even if a thread panicked while holding it (its values are only appended).
fn lock(t: &Table) -> std::sync::MutexGuard<'_, Interner> {
    t.lock().unwrap_or_else(|e| e.into_inner())
}

/// A value that can go through a spool.
pub trait Codec: Sized {
    fn encode(&self, out: &mut Vec<u8>, cx: &mut Interner);
    /// `None` when the bytes are not a value (never for bytes `encode` wrote).
    fn decode(input: &mut &[u8], cx: &Interner) -> Option<Self>;
}

pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub(crate) fn get_varint(input: &mut &[u8]) -> Option<u64> {
    let mut v: u64 = 0;
    for shift in (0..64).step_by(7) {
        let (&b, rest) = input.split_first()?;
        *input = rest;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

pub(crate) fn get_u8(input: &mut &[u8]) -> Option<u8> {
    let (&b, rest) = input.split_first()?;
    *input = rest;
    Some(b)
}

fn get_u32(input: &mut &[u8]) -> Option<u32> {
    u32::try_from(get_varint(input)?).ok()
}

fn get_usize(input: &mut &[u8]) -> Option<usize> {
    usize::try_from(get_varint(input)?).ok()
}

pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

pub(crate) fn get_str(input: &mut &[u8]) -> Option<String> {
    let n = get_usize(input)?;
    if input.len() < n {
        return None;
    }
    let (s, rest) = input.split_at(n);
    *input = rest;
    String::from_utf8(s.to_vec()).ok()
}

fn put_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => out.push(0),
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
    }
}

fn get_opt_str(input: &mut &[u8]) -> Option<Option<String>> {
    match get_u8(input)? {
        0 => Some(None),
        _ => get_str(input).map(Some),
    }
}

fn put_shared(out: &mut Vec<u8>, s: &Arc<str>, cx: &mut Interner) {
    put_varint(out, u64::from(cx.str_id(s)));
}

fn get_shared(input: &mut &[u8], cx: &Interner) -> Option<Arc<str>> {
    cx.strs.get(get_usize(input)?).cloned()
}

fn put_opt_shared(out: &mut Vec<u8>, s: Option<&Arc<str>>, cx: &mut Interner) {
    match s {
        None => out.push(0),
        Some(s) => put_varint(out, u64::from(cx.str_id(s)) + 1),
    }
}

fn get_opt_shared(input: &mut &[u8], cx: &Interner) -> Option<Option<Arc<str>>> {
    match get_usize(input)? {
        0 => Some(None),
        i => cx.strs.get(i - 1).cloned().map(Some),
    }
}

fn put_level(out: &mut Vec<u8>, l: Option<Level>) {
    out.push(l.map_or(0, |l| l.index() as u8 + 1));
}

fn get_level(input: &mut &[u8]) -> Option<Option<Level>> {
    match get_u8(input)? {
        0 => Some(None),
        i => Level::ALL.get(usize::from(i) - 1).copied().map(Some),
    }
}

fn put_f64(out: &mut Vec<u8>, v: Option<f64>) {
    match v {
        None => out.push(0),
        Some(v) => {
            out.push(1);
            out.extend_from_slice(&v.to_bits().to_le_bytes());
        }
    }
}

fn get_f64(input: &mut &[u8]) -> Option<Option<f64>> {
    if get_u8(input)? == 0 {
        return Some(None);
    }
    if input.len() < 8 {
        return None;
    }
    let (b, rest) = input.split_at(8);
    *input = rest;
    Some(Some(f64::from_bits(u64::from_le_bytes(b.try_into().ok()?))))
}

fn put_msg(out: &mut Vec<u8>, m: &Msg) {
    put_str(out, &m.en);
    put_str(out, &m.fr);
}

fn get_msg(input: &mut &[u8]) -> Option<Msg> {
    Some(Msg {
        en: get_str(input)?,
        fr: get_str(input)?,
    })
}

impl Codec for Location {
    fn encode(&self, out: &mut Vec<u8>, cx: &mut Interner) {
        put_shared(out, &self.file, cx);
        for v in [
            self.start.line,
            self.start.column,
            self.end.line,
            self.end.column,
        ] {
            put_varint(out, u64::from(v));
        }
        put_varint(out, self.span.start as u64);
        put_varint(out, self.span.end as u64);
        put_varint(out, u64::from(self.utf16.start));
        put_varint(out, u64::from(self.utf16.end));
    }

    fn decode(input: &mut &[u8], cx: &Interner) -> Option<Self> {
        let file = get_shared(input, cx)?;
        let start = LineCol {
            line: get_u32(input)?,
            column: get_u32(input)?,
        };
        let end = LineCol {
            line: get_u32(input)?,
            column: get_u32(input)?,
        };
        let span = Span {
            start: get_usize(input)?,
            end: get_usize(input)?,
        };
        let utf16 = crate::source::Utf16Columns {
            start: get_u32(input)?,
            end: get_u32(input)?,
        };
        Some(Location {
            file,
            start,
            end,
            span,
            utf16,
        })
    }
}

impl Codec for Context {
    fn encode(&self, out: &mut Vec<u8>, _: &mut Interner) {
        put_varint(out, u64::from(self.first_line));
        put_str(out, &self.text);
    }

    fn decode(input: &mut &[u8], _: &Interner) -> Option<Self> {
        Some(Context {
            first_line: get_u32(input)?,
            text: get_str(input)?,
        })
    }
}

const EVIDENCE_KINDS: [EvidenceKind; 5] = [
    EvidenceKind::Word,
    EvidenceKind::Structure,
    EvidenceKind::Declared,
    EvidenceKind::Measure,
    EvidenceKind::Related,
];

impl Codec for Evidence {
    fn encode(&self, out: &mut Vec<u8>, cx: &mut Interner) {
        out.push(
            EVIDENCE_KINDS
                .iter()
                .position(|k| *k == self.kind)
                .unwrap_or(0) as u8,
        );
        put_str(out, &self.text);
        match &self.localized {
            None => out.push(0),
            Some(m) => {
                out.push(1);
                put_msg(out, m);
            }
        }
        put_level(out, self.level);
        put_opt_str(out, self.detail.as_deref());
        match &self.location {
            None => out.push(0),
            Some(l) => {
                out.push(1);
                l.encode(out, cx);
            }
        }
    }

    fn decode(input: &mut &[u8], cx: &Interner) -> Option<Self> {
        let kind = *EVIDENCE_KINDS.get(usize::from(get_u8(input)?))?;
        let text = get_str(input)?;
        let localized = match get_u8(input)? {
            0 => None,
            _ => Some(get_msg(input)?),
        };
        let level = get_level(input)?;
        let detail = get_opt_str(input)?;
        let location = match get_u8(input)? {
            0 => None,
            _ => Some(Location::decode(input, cx)?),
        };
        Some(Evidence {
            kind,
            text,
            localized,
            level,
            detail,
            location,
        })
    }
}

fn put_vec<T: Codec>(out: &mut Vec<u8>, v: &[T], cx: &mut Interner) {
    put_varint(out, v.len() as u64);
    for x in v {
        x.encode(out, cx);
    }
}

fn get_vec<T: Codec>(input: &mut &[u8], cx: &Interner) -> Option<Vec<T>> {
    let n = get_usize(input)?;
    // Every value takes at least a byte: a bad count cannot reserve much.
    let mut v = Vec::with_capacity(n.min(input.len()));
    for _ in 0..n {
        v.push(T::decode(input, cx)?);
    }
    Some(v)
}

impl Codec for Finding {
    fn encode(&self, out: &mut Vec<u8>, cx: &mut Interner) {
        put_varint(out, u64::from(cx.rule_id(self.rule)));
        out.push(self.severity as u8);
        self.location.encode(out, cx);
        put_opt_str(out, self.item.as_deref());
        put_msg(out, &self.message);
        put_vec(out, &self.evidence, cx);
        match &self.context {
            None => out.push(0),
            Some(c) => {
                out.push(1);
                c.encode(out, cx);
            }
        }
        put_vec(out, &self.evidence_context, cx);
    }

    fn decode(input: &mut &[u8], cx: &Interner) -> Option<Self> {
        let rule = *cx.rules.get(get_usize(input)?)?;
        let severity = match get_u8(input)? {
            0 => Severity::Info,
            1 => Severity::Warning,
            2 => Severity::Error,
            _ => return None,
        };
        let location = Location::decode(input, cx)?;
        let item = get_opt_str(input)?;
        let message = get_msg(input)?;
        let evidence = get_vec(input, cx)?;
        let context = match get_u8(input)? {
            0 => None,
            _ => Some(Context::decode(input, cx)?),
        };
        let evidence_context = get_vec(input, cx)?;
        Some(Finding {
            rule,
            severity,
            location,
            item,
            message,
            evidence,
            context,
            evidence_context,
        })
    }
}

impl Codec for ItemSummary {
    fn encode(&self, out: &mut Vec<u8>, cx: &mut Interner) {
        put_shared(out, &self.file, cx);
        put_varint(out, u64::from(self.line));
        put_str(out, &self.id);
        put_varint(out, u64::from(cx.static_id(self.kind)));
        put_opt_shared(out, self.lesson.as_ref(), cx);
        put_opt_shared(out, self.language.as_ref(), cx);
        put_level(out, self.declared_level);
        put_level(out, self.estimated_level);
        put_f64(out, self.score);
        put_f64(out, self.confidence);
    }

    fn decode(input: &mut &[u8], cx: &Interner) -> Option<Self> {
        Some(ItemSummary {
            file: get_shared(input, cx)?,
            line: get_u32(input)?,
            id: get_str(input)?,
            kind: cx.statics.get(get_usize(input)?)?,
            lesson: get_opt_shared(input, cx)?,
            language: get_opt_shared(input, cx)?,
            declared_level: get_level(input)?,
            estimated_level: get_level(input)?,
            score: get_f64(input)?,
            confidence: get_f64(input)?,
        })
    }
}

/// The temporary file of a spool that spilled.
struct Disk {
    file: Mutex<File>,
}

/// An append-only sequence of `T`, read back in order (see the module's documentation).
pub struct Spool<T> {
    len: usize,
    threshold: usize,
    /// The bytes not on disk: all of them until the spool spills, then the last ones.
    mem: Vec<u8>,
    disk: Option<Disk>,
    /// Bytes in the temporary file; offsets below it are read from there.
    disk_len: u64,
    /// The table of shared values, possibly shared with other spools ([`Spool::with_table`]).
    cx: Table,
    scratch: Vec<u8>,
    /// The first error met reading the temporary file back (reading then stops).
    read_error: Mutex<Option<String>>,
    _t: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for Spool<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Spool")
            .field("len", &self.len)
            .field("bytes", &(self.disk_len + self.mem.len() as u64))
            .field("spilled", &(self.disk_len > 0))
            .finish()
    }
}

impl<T: Codec> Default for Spool<T> {
    fn default() -> Self {
        Spool::new(DEFAULT_THRESHOLD)
    }
}

impl<T: Codec> Spool<T> {
    /// A spool that spills once it holds `threshold` bytes (`usize::MAX`: never).
    pub fn new(threshold: usize) -> Self {
        Spool::with_table(threshold, Table::default())
    }

    /// A spool whose shared values (paths, lesson ids, rules) go to `table`, which other
    /// spools of the same report use too: each path is then held once, whatever the number
    /// of spools that name it.
    pub fn with_table(threshold: usize, table: Table) -> Self {
        Spool {
            len: 0,
            threshold: threshold.max(1),
            mem: Vec::new(),
            disk: None,
            disk_len: 0,
            cx: table,
            scratch: Vec::new(),
            read_error: Mutex::new(None),
            _t: PhantomData,
        }
    }

    /// Its table of shared values, for other spools to use ([`Spool::with_table`]).
    pub fn table(&self) -> Table {
        self.cx.clone()
    }

    /// The threshold it was made with.
    pub fn threshold(&self) -> usize {
        self.threshold
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Encoded bytes held, in memory and on disk.
    pub fn bytes(&self) -> u64 {
        self.disk_len + self.mem.len() as u64
    }

    /// True once some of it is in a temporary file.
    pub fn spilled(&self) -> bool {
        self.disk_len > 0
    }

    /// Where the next value will be: an offset for [`Spool::iter_from`].
    pub fn offset(&self) -> u64 {
        self.bytes()
    }

    /// The spool's own copy of a shared string (kept in its table from then on): for
    /// values that live as long as the spool, without a second copy.
    pub fn shared(&mut self, s: &Arc<str>) -> Arc<str> {
        let mut cx = lock(&self.cx);
        let i = cx.str_id(s);
        cx.strs[i as usize].clone()
    }

    /// Appends a value.
    pub fn push(&mut self, v: &T) {
        self.scratch.clear();
        v.encode(&mut self.scratch, &mut lock(&self.cx));
        put_varint(&mut self.mem, self.scratch.len() as u64);
        self.mem.extend_from_slice(&self.scratch);
        self.len += 1;
        if self.mem.len() >= self.threshold {
            self.spill();
        }
    }

    /// Moves the bytes in memory to the temporary file. When the file cannot be made or
    /// written, everything stays in memory from then on (as if the threshold were infinite).
    fn spill(&mut self) {
        if self.disk.is_none() {
            match tempfile::tempfile_in(std::env::temp_dir()) {
                Ok(file) => {
                    self.disk = Some(Disk {
                        file: Mutex::new(file),
                    })
                }
                Err(_) => {
                    self.threshold = usize::MAX;
                    return;
                }
            }
        }
        let Some(disk) = &self.disk else { return };
        let written = match disk.file.lock() {
            Ok(mut f) => f
                .seek(SeekFrom::Start(self.disk_len))
                .and_then(|_| f.write_all(&self.mem)),
            Err(_) => Err(std::io::Error::other("lock")),
        };
        match written {
            Ok(()) => {
                self.disk_len += self.mem.len() as u64;
                self.mem.clear();
            }
            // What did reach the file past `disk_len` is never read.
            Err(_) => self.threshold = usize::MAX,
        }
    }

    /// The values in order.
    pub fn iter(&self) -> Iter<'_, T> {
        self.iter_from(0)
    }

    /// The values from `offset` (an [`Spool::offset`] taken before a push) to the end.
    pub fn iter_from(&self, offset: u64) -> Iter<'_, T> {
        Iter {
            spool: self,
            pos: offset,
            buf: Vec::new(),
            buf_start: 0,
        }
    }

    /// The one value at `offset` (an [`Spool::offset`] taken before a push), read with no
    /// more than its own bytes from the temporary file: for random access to single values
    /// (the duplicate index reads back an earlier item only when it meets its question again).
    pub fn get(&self, offset: u64) -> Option<T> {
        if offset >= self.bytes() {
            return None;
        }
        if offset >= self.disk_len {
            let at = usize::try_from(offset - self.disk_len).ok()?;
            let mut input = self.mem.get(at..)?;
            let n = get_usize(&mut input)?;
            let mut payload = input.get(..n)?;
            return T::decode(&mut payload, &lock(&self.cx));
        }
        let disk = self.disk.as_ref()?;
        let mut f = disk.file.lock().ok()?;
        let mut read = |pos: u64, n: usize| -> Option<Vec<u8>> {
            let n = (n as u64).min(self.disk_len.saturating_sub(pos)) as usize;
            let mut buf = vec![0; n];
            match f
                .seek(SeekFrom::Start(pos))
                .and_then(|_| f.read_exact(&mut buf))
            {
                Ok(()) => Some(buf),
                Err(e) => {
                    self.fail(format!("cannot read the temporary file of the report: {e}"));
                    None
                }
            }
        };
        // A length takes at most 10 bytes; an entry is never split between file and memory.
        let head = read(offset, 10)?;
        let mut input = head.as_slice();
        let n = get_usize(&mut input)?;
        let header = head.len() - input.len();
        let payload = read(offset + header as u64, n)?;
        if payload.len() != n {
            return None;
        }
        T::decode(&mut payload.as_slice(), &lock(&self.cx))
    }

    /// The first error met reading the temporary file, if any (the values after it were not
    /// read).
    pub fn read_error(&self) -> Option<String> {
        self.read_error.lock().ok().and_then(|e| e.clone())
    }

    fn fail(&self, e: String) {
        if let Ok(mut slot) = self.read_error.lock() {
            slot.get_or_insert(e);
        }
    }

    /// Reads file bytes `[pos, pos + n)` into `buf` (`n` at least what is asked, at most
    /// what the file holds).
    fn read_disk(&self, pos: u64, want: usize, buf: &mut Vec<u8>) -> bool {
        let Some(disk) = &self.disk else {
            return false;
        };
        let n = (want.max(READ_CHUNK) as u64).min(self.disk_len - pos) as usize;
        buf.clear();
        buf.resize(n, 0);
        let read = match disk.file.lock() {
            Ok(mut f) => f.seek(SeekFrom::Start(pos)).and_then(|_| f.read_exact(buf)),
            Err(_) => Err(std::io::Error::other("lock")),
        };
        match read {
            Ok(()) => true,
            Err(e) => {
                self.fail(format!("cannot read the temporary file of the report: {e}"));
                buf.clear();
                false
            }
        }
    }
}

/// The values of a [`Spool`], decoded one at a time.
pub struct Iter<'a, T> {
    spool: &'a Spool<T>,
    pos: u64,
    /// File bytes from `buf_start`.
    buf: Vec<u8>,
    buf_start: u64,
}

impl<T: Codec> Iter<'_, T> {
    /// Where the next value is (an offset for [`Spool::iter_from`] or [`Spool::get`]).
    pub fn position(&self) -> u64 {
        self.pos
    }

    /// Goes on from `offset` (an [`Spool::offset`]), keeping what it has read of the file.
    pub fn seek(&mut self, offset: u64) {
        if self.pos != u64::MAX {
            self.pos = offset;
        }
    }

    /// The file bytes `[pos, pos + n)` (fewer at the end of the file), read if need be.
    fn disk_bytes(&mut self, n: usize) -> Option<&[u8]> {
        let end = self.buf_start + self.buf.len() as u64;
        let avail_end = (self.pos + n as u64).min(self.spool.disk_len);
        if self.pos < self.buf_start || avail_end > end {
            if !self.spool.read_disk(self.pos, n, &mut self.buf) {
                return None;
            }
            self.buf_start = self.pos;
        }
        let from = (self.pos - self.buf_start) as usize;
        let to = (avail_end - self.buf_start) as usize;
        self.buf.get(from..to)
    }

    fn next_value(&mut self) -> Option<T> {
        let spool = self.spool;
        if self.pos >= spool.bytes() {
            return None;
        }
        if self.pos >= spool.disk_len {
            let at = usize::try_from(self.pos - spool.disk_len).ok()?;
            let mut input = spool.mem.get(at..)?;
            let before = input.len();
            let n = get_usize(&mut input)?;
            let mut payload = input.get(..n)?;
            let v = T::decode(&mut payload, &lock(&spool.cx))?;
            self.pos += (before - input.len() + n) as u64;
            return Some(v);
        }
        // An entry is never split between the file and memory.
        let mut head = self.disk_bytes(10)?;
        let before = head.len();
        let n = get_usize(&mut head)?;
        let header = before - head.len();
        let bytes = self.disk_bytes(header + n)?;
        let mut payload = bytes.get(header..header + n)?;
        let v = T::decode(&mut payload, &lock(&spool.cx))?;
        self.pos += (header + n) as u64;
        Some(v)
    }
}

impl<T: Codec> Iterator for Iter<'_, T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        if self.pos >= self.spool.bytes() {
            return None;
        }
        let v = self.next_value();
        if v.is_none() {
            if self.spool.read_error().is_none() {
                self.spool
                    .fail("the temporary file of the report is damaged".to_string());
            }
            // Stop for good.
            self.pos = u64::MAX;
        }
        v
    }
}

impl<'a, T: Codec> IntoIterator for &'a Spool<T> {
    type Item = T;
    type IntoIter = Iter<'a, T>;
    fn into_iter(self) -> Iter<'a, T> {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(file: &str, line: u32, msg: &str, with_context: bool) -> Finding {
        let rule = crate::checks::all()[line as usize % crate::checks::all().len()];
        let mut location = Location {
            file: Arc::from(file),
            ..Default::default()
        };
        location.start = LineCol { line, column: 3 };
        location.end = LineCol {
            line: line + 1,
            column: 1,
        };
        location.span = Span::new(line as usize * 10, line as usize * 10 + 7);
        let mut f = Finding::new(rule, location.clone(), Msg::new(msg, format!("fr {msg}")))
            .with_evidence(vec![
                Evidence {
                    kind: EvidenceKind::Word,
                    text: "blunderbuss".into(),
                    localized: None,
                    level: Some(Level::C1),
                    detail: Some("blunderbuss (test list)".into()),
                    location: Some(location),
                },
                Evidence {
                    kind: EvidenceKind::Measure,
                    text: "score 3.5".into(),
                    localized: Some(Msg::new("score 3.5", "note 3,5")),
                    level: None,
                    detail: None,
                    location: None,
                },
            ]);
        if line % 2 == 0 {
            f = f.with_item(format!("q{line}"));
        }
        f.severity = Severity::Warning;
        if with_context {
            f.context = Some(Context {
                first_line: line,
                text: "The blunderbuss was loud.\n".into(),
            });
            f.evidence_context = vec![Context {
                first_line: 1,
                text: "title\n".into(),
            }];
        }
        f
    }

    fn same(a: &Finding, b: &Finding) -> bool {
        std::ptr::eq(a.rule, b.rule)
            && a.severity == b.severity
            && a.location == b.location
            && a.item == b.item
            && a.message == b.message
            && a.evidence == b.evidence
            && a.context == b.context
            && a.evidence_context == b.evidence_context
    }

    fn item(i: usize) -> ItemSummary {
        ItemSummary {
            file: Arc::from(format!("lessons/{}.yaml", i % 3).as_str()),
            line: i as u32,
            id: format!("item-{i}"),
            kind: if i % 2 == 0 { "mcq" } else { "text" },
            lesson: (i % 4 != 0).then(|| Arc::from("lesson one")),
            language: Some(Arc::from("en")),
            declared_level: Level::ALL.get(i % 7).copied(),
            estimated_level: Some(Level::B2),
            score: (i % 5 != 0).then_some(i as f64 / 3.0),
            confidence: Some(0.25),
        }
    }

    #[test]
    fn an_empty_spool_yields_nothing() {
        let s: Spool<Finding> = Spool::new(1);
        assert!(s.is_empty());
        assert_eq!(s.iter().count(), 0);
        assert!(!s.spilled());
    }

    #[test]
    fn findings_round_trip_in_order_in_memory_and_spilled() {
        let all: Vec<Finding> = (0..500)
            .map(|i| finding(&format!("f{}.yaml", i % 7), i, &format!("m{i}"), i % 3 == 0))
            .collect();
        for threshold in [usize::MAX, 1, 100, 4096] {
            let mut s = Spool::new(threshold);
            for f in &all {
                s.push(f);
            }
            assert_eq!(s.len(), all.len());
            assert_eq!(s.spilled(), threshold != usize::MAX, "{threshold}");
            let back: Vec<Finding> = s.iter().collect();
            assert_eq!(back.len(), all.len());
            for (a, b) in all.iter().zip(&back) {
                assert!(same(a, b), "{threshold}: {a:?} != {b:?}");
            }
            // A second reading, and two at once, give the same.
            let mut one = s.iter();
            let mut two = s.iter();
            for f in &all {
                assert!(same(f, &one.next().unwrap()));
                assert!(same(f, &two.next().unwrap()));
            }
            assert!(one.next().is_none() && s.read_error().is_none());
        }
    }

    #[test]
    fn reading_from_an_offset_starts_at_that_value() {
        let mut s = Spool::new(64);
        let mut offsets = Vec::new();
        for i in 0..200 {
            offsets.push(s.offset());
            s.push(&item(i));
        }
        assert!(s.spilled());
        for at in [0, 1, 57, 199] {
            let back: Vec<ItemSummary> = s.iter_from(offsets[at]).take(3).collect();
            let want: Vec<ItemSummary> = (at..(at + 3).min(200)).map(item).collect();
            assert_eq!(back, want);
        }
        assert_eq!(s.iter_from(s.offset()).count(), 0);
    }

    #[test]
    fn many_item_summaries_round_trip() {
        let mut s = Spool::new(1 << 12);
        for i in 0..20_000 {
            s.push(&item(i));
        }
        assert!(s.spilled());
        assert!(s.iter().eq((0..20_000).map(item)));
        // Shared strings are stored once: an item takes a few bytes besides its id.
        assert!(s.bytes() < 20_000 * 40, "{}", s.bytes());
    }

    #[test]
    fn spools_sharing_a_table_hold_each_path_once_and_read_back_the_same() {
        let items: Spool<ItemSummary> = Spool::new(64);
        let table = items.table();
        let (mut items, mut findings) = (items, Spool::with_table(1, table.clone()));
        for i in 0..300 {
            items.push(&item(i));
            findings.push(&finding(
                &format!("lessons/{}.yaml", i % 3),
                i as u32,
                "m",
                false,
            ));
        }
        assert!(items.spilled() && findings.spilled());
        assert!(items.iter().eq((0..300).map(item)));
        for (i, f) in findings.iter().enumerate() {
            let want = finding(&format!("lessons/{}.yaml", i % 3), i as u32, "m", false);
            assert!(same(&f, &want), "{f:?}");
        }
        // Three paths and one lesson id and one language in one table; a value read back
        // names the table's own copy of its path.
        let f = findings.iter().next().unwrap();
        let cx = table.lock().unwrap();
        assert_eq!(cx.strs.len(), 5);
        assert!(cx.strs.iter().any(|s| Arc::ptr_eq(s, &f.location.file)));
        drop(cx);
        assert!(Arc::ptr_eq(
            &findings.shared(&Arc::from("lessons/0.yaml")),
            &f.location.file
        ));
        // `get` reads one value at its offset, in the file or in memory.
        let at = items.offset();
        items.push(&item(7));
        assert_eq!(items.get(at), Some(item(7)));
        assert_eq!(items.get(0), Some(item(0)));
        assert_eq!(items.get(items.offset()), None);
    }

    #[test]
    fn pushing_after_reading_appends() {
        let mut s = Spool::new(10);
        s.push(&item(0));
        assert_eq!(s.iter().count(), 1);
        s.push(&item(1));
        s.push(&item(2));
        assert!(s.iter().eq((0..3).map(item)));
    }

    #[test]
    fn damaged_bytes_stop_the_reading_with_an_error() {
        let mut s: Spool<ItemSummary> = Spool::new(usize::MAX);
        s.push(&item(0));
        s.mem.truncate(s.mem.len() - 3);
        assert_eq!(s.iter().count(), 0);
        assert!(s.read_error().is_some());
    }
}
