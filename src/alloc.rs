//! The memory allocator (mimalloc) and how it gives memory back. Set up here so that the
//! binary, its tests and its benchmarks run with the same one.
//!
//! mimalloc keeps a heap per thread and frees in place, so the worker threads do not contend
//! for one; it is told to return freed pages to the system at once and to leave transparent
//! huge pages alone, so that a long streaming run keeps a small resident size.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` of mimalloc 3's `mi_option_t` (its bindings do not name it):
/// milliseconds before freed pages are returned to the system.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Sets the allocator's options: call first thing in `main`.
pub fn configure() {
    // SAFETY: options are plain integers read by the allocator; setting them is thread-safe.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
    }
}

/// Returns the memory this thread has freed to the system: after each batch of documents and
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

    /// The option number is mimalloc's purge delay: its default there is 1000 ms, which no
    /// neighbouring option has (eager commit delay 1, NUMA nodes 0).
    #[test]
    fn the_option_set_is_the_purge_delay() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // SAFETY: reading an option has no side effect but its one-time initialisation.
            assert_eq!(unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) }, 1000);
        }
    }
}
