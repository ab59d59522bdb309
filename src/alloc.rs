//! The memory allocator (mimalloc) and how it gives memory back. Set up here so that the
//! binary, its tests and its benchmarks run with the same one.
//!
//! mimalloc keeps a heap per thread and frees in place, so the worker threads do not contend
//! for one; it is told to return freed pages to the system soon (at once in the final scoring)
//! and to leave transparent huge pages alone, so that a long streaming run keeps a small
//! resident size.

#[global_allocator]
static GLOBAL: Mimalloc = Mimalloc;

/// mimalloc, asked for aligned memory only when an alignment above a word's is wanted: every
/// block it gives is word-aligned, and its plain calls skip the aligned ones' checks (the
/// `mimalloc` crate's allocator makes the aligned call for every allocation, a tenth or so of
/// the allocator's time here: some 1.7 million small vectors and strings per 3 MB of text).
struct Mimalloc;

/// The alignment every mimalloc block has.
const WORD: usize = std::mem::size_of::<usize>();

// SAFETY: each call passes the layout's size (and, above a word, its alignment) to the mimalloc
// call that honours them; blocks are freed and resized only by mimalloc.
unsafe impl std::alloc::GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_malloc, mi_malloc_aligned};
        if layout.align() <= WORD {
            mi_malloc(layout.size()).cast()
        } else {
            mi_malloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_zalloc, mi_zalloc_aligned};
        if layout.align() <= WORD {
            mi_zalloc(layout.size()).cast()
        } else {
            mi_zalloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        libmimalloc_sys::mi_free(ptr.cast());
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        use libmimalloc_sys::{mi_realloc, mi_realloc_aligned};
        if layout.align() <= WORD {
            mi_realloc(ptr.cast(), new_size).cast()
        } else {
            mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
        }
    }
}

/// `mi_option_purge_delay` of mimalloc 3's `mi_option_t` (its bindings do not name it):
/// milliseconds before freed pages are returned to the system.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Milliseconds freed pages are kept for reuse while documents are analysed. Returning each one at
/// once cost two threads a tenth of a second of system time on 50 MB (page faults, and TLB
/// shoot-downs between the threads' cores); resident memory peaks in the final scoring, not here.
const PURGE_DELAY_MS: std::os::raw::c_long = 100;

/// Sets the allocator's options: call first thing in `main`.
pub fn configure() {
    set_purge_delay(PURGE_DELAY_MS);
}

/// From now on freed pages go back to the system at once: for the run's final scoring, where
/// resident memory peaks.
pub fn purge_at_once() {
    set_purge_delay(0);
}

fn set_purge_delay(ms: std::os::raw::c_long) {
    // SAFETY: options are plain integers read by the allocator; setting them is thread-safe.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, ms);
    }
}

/// Returns the memory this thread has freed to the system: every half MiB of documents and
/// after large windows of assessments, so that the resident size stays flat over a long run.
/// Each thread's heap is its own: see `give_back_memory_in` for a pool's.
pub fn give_back_memory() {
    // SAFETY: collecting only releases the allocator's own free memory.
    unsafe {
        libmimalloc_sys::mi_collect(true);
    }
}

/// `give_back_memory` on every thread of `pool` (each keeps a heap of its own).
pub fn give_back_memory_in(pool: &rayon::ThreadPool) {
    pool.broadcast(|_| give_back_memory());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_have_the_alignment_asked_for() {
        use std::alloc::{GlobalAlloc, Layout};
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 7, 8, 24, 100, 5000, 70_000] {
                let layout = Layout::from_size_align(size.max(align), align).unwrap();
                // SAFETY: a non-zero layout; the block is written within it and freed once.
                unsafe {
                    let p = GLOBAL.alloc(layout);
                    assert!(!p.is_null() && (p as usize).is_multiple_of(align), "{size} bytes at {align}");
                    p.write_bytes(0xA5, layout.size());
                    let z = GLOBAL.alloc_zeroed(layout);
                    assert!((z as usize).is_multiple_of(align) && (0..layout.size()).all(|i| *z.add(i) == 0));
                    let q = GLOBAL.realloc(p, layout, layout.size() * 3);
                    assert!((q as usize).is_multiple_of(align), "grown: {size} bytes at {align}");
                    assert!((0..layout.size()).all(|i| *q.add(i) == 0xA5), "kept: {size} bytes at {align}");
                    GLOBAL.dealloc(q, Layout::from_size_align(layout.size() * 3, align).unwrap());
                    GLOBAL.dealloc(z, layout);
                }
            }
        }
    }

    /// The option number is mimalloc's purge delay: its default there is 1000 ms, which no
    /// neighbouring option has (eager commit delay 1, NUMA nodes 0).
    #[test]
    fn the_option_set_is_the_purge_delay() {
        // SAFETY: reading an option has no side effect but its one-time initialisation.
        let get = || unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(get(), 1000);
        }
        // (The one test that sets it: the library's tests leave the allocator as it starts.)
        configure();
        assert_eq!(get(), PURGE_DELAY_MS);
        purge_at_once();
        assert_eq!(get(), 0);
    }
}
