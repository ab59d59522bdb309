//! An ordered parallel map over a stream: items go to worker threads one at a time as they are
//! read, results come back in input order, and the bytes held in flight stay under a bound.
//! The analysis of documents runs on it, so output order never depends on the thread count.

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

/// Worker threads applying one function to items in any order, handing results back in order.
pub struct OrderedPool<I, O> {
    shared: Arc<Shared<I, O>>,
    workers: Vec<JoinHandle<()>>,
    /// The weight of each item not yet handed back, oldest first.
    weights: VecDeque<usize>,
    held: usize,
    limit: usize,
}

struct Shared<I, O> {
    state: Mutex<State<I, O>>,
    /// Workers wait here for items.
    work: Condvar,
    /// The caller waits here for the oldest result.
    done: Condvar,
}

struct State<I, O> {
    /// Items waiting for a worker, with their sequence numbers and weights.
    queue: VecDeque<(u64, usize, I)>,
    /// Results of the items in flight, by sequence number from `base`: `None` until done.
    ready: VecDeque<Option<O>>,
    base: u64,
    next: u64,
    /// No more items will come: workers stop when the queue is empty.
    closed: bool,
    /// A worker stopped by a panic: its item will never be done.
    stopped: bool,
    idle_workers: usize,
    /// The caller waits for this many of the oldest results (0: it does not wait).
    caller_waiting: usize,
}

/// The worker thread stopped: the pool cannot finish.
#[derive(Debug)]
pub struct WorkerStopped;

impl std::fmt::Display for WorkerStopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a worker thread stopped")
    }
}

impl std::error::Error for WorkerStopped {}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // a worker's panic is reported through `stopped`; the state itself stays consistent
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Marks the pool stopped when a worker unwinds.
struct StopOnPanic<'a, I, O>(&'a Shared<I, O>);

impl<I, O> Drop for StopOnPanic<'_, I, O> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            lock(&self.0.state).stopped = true;
            self.0.done.notify_all();
        }
    }
}

impl<I: Send + 'static, O: Send + 'static> OrderedPool<I, O> {
    /// `threads` workers applying `work`. At most `limit` of weight is held between `push` and
    /// the result's hand-back (always at least one item). `tidy` runs on a worker after each
    /// `limit / 2` of weight it has processed, and when it stops (to return memory, say).
    pub fn new<W, T>(threads: usize, limit: usize, work: W, tidy: T) -> Self
    where
        W: Fn(I) -> O + Send + Sync + 'static,
        T: Fn() + Send + Sync + 'static,
    {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                queue: VecDeque::new(),
                ready: VecDeque::new(),
                base: 0,
                next: 0,
                closed: false,
                stopped: false,
                idle_workers: 0,
                caller_waiting: 0,
            }),
            work: Condvar::new(),
            done: Condvar::new(),
        });
        let work = Arc::new((work, tidy));
        let workers = (0..threads.max(1))
            .map(|n| {
                let (shared, work) = (Arc::clone(&shared), Arc::clone(&work));
                std::thread::Builder::new()
                    .name(format!("attrib-worker-{n}"))
                    .spawn(move || worker(&shared, &work.0, &work.1, limit / 2))
                    .expect("starting a worker thread")
            })
            .collect();
        OrderedPool { shared, workers, weights: VecDeque::new(), held: 0, limit }
    }

    /// Queues `item` of `weight`, then hands `sink` every result ready in order, waiting for
    /// results while more than the limit is held.
    pub fn push<E: From<WorkerStopped>>(
        &mut self,
        item: I,
        weight: usize,
        sink: &mut impl FnMut(O) -> Result<(), E>,
    ) -> Result<(), E> {
        {
            let mut st = lock(&self.shared.state);
            let seq = st.next;
            st.next += 1;
            st.queue.push_back((seq, weight, item));
            st.ready.push_back(None);
            if st.idle_workers > 0 {
                self.shared.work.notify_one();
            }
        }
        self.weights.push_back(weight);
        self.held += weight;
        if self.held >= self.limit {
            // Down to half the limit at once: the caller sleeps once per many items, not per item.
            let (mut k, mut rest) = (0, self.held);
            while rest > self.limit / 2 && k < self.weights.len() {
                rest -= self.weights[k];
                k += 1;
            }
            self.hand_back(k, sink)?;
        }
        self.hand_back(0, sink)
    }

    /// Hands back every result still to come, in order, and stops the workers.
    pub fn finish<E: From<WorkerStopped>>(mut self, sink: &mut impl FnMut(O) -> Result<(), E>) -> Result<(), E> {
        lock(&self.shared.state).closed = true;
        self.shared.work.notify_all();
        while !self.weights.is_empty() {
            self.hand_back(1, sink)?;
        }
        for w in self.workers.drain(..) {
            if w.join().is_err() {
                return Err(WorkerStopped.into());
            }
        }
        Ok(())
    }

    /// The results ready in order, handed to `sink` outside the lock, after waiting for the
    /// oldest `wait` of them.
    fn hand_back<E: From<WorkerStopped>>(
        &mut self,
        wait: usize,
        sink: &mut impl FnMut(O) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut out = Vec::new();
        {
            let mut st = lock(&self.shared.state);
            while !st.ready.iter().take(wait).all(Option::is_some) {
                if st.stopped {
                    return Err(WorkerStopped.into());
                }
                st.caller_waiting = wait;
                st = self.shared.done.wait(st).unwrap_or_else(|e| e.into_inner());
                st.caller_waiting = 0;
            }
            while let Some(Some(_)) = st.ready.front() {
                out.push(st.ready.pop_front().flatten().expect("a result"));
                st.base += 1;
            }
        }
        for o in out {
            self.held -= self.weights.pop_front().expect("a weight per item");
            sink(o)?;
        }
        Ok(())
    }
}

impl<I, O> Drop for OrderedPool<I, O> {
    /// Stops the workers of a pool given up on (after an error): queued items are dropped.
    fn drop(&mut self) {
        {
            let mut st = lock(&self.shared.state);
            st.closed = true;
            st.queue.clear();
        }
        self.shared.work.notify_all();
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

fn worker<I, O>(shared: &Shared<I, O>, work: &dyn Fn(I) -> O, tidy: &dyn Fn(), tidy_every: usize) {
    let _stop = StopOnPanic(shared);
    let mut since_tidy = 0usize;
    loop {
        let mut st = lock(&shared.state);
        let (seq, weight, item) = loop {
            if let Some(job) = st.queue.pop_front() {
                break job;
            }
            if st.closed {
                drop(st);
                tidy();
                return;
            }
            st.idle_workers += 1;
            st = shared.work.wait(st).unwrap_or_else(|e| e.into_inner());
            st.idle_workers -= 1;
        };
        drop(st);
        let out = work(item);
        {
            let mut st = lock(&shared.state);
            let slot = (seq - st.base) as usize;
            st.ready[slot] = Some(out);
            if slot < st.caller_waiting && st.ready.iter().take(st.caller_waiting).all(Option::is_some) {
                shared.done.notify_one();
            }
        }
        since_tidy += weight;
        if since_tidy >= tidy_every {
            since_tidy = 0;
            tidy();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(threads: usize, limit: usize, items: &[u64]) -> Vec<u64> {
        let mut got = Vec::new();
        let mut sink = |o: u64| -> Result<(), WorkerStopped> {
            got.push(o);
            Ok(())
        };
        let mut pool = OrderedPool::new(
            threads,
            limit,
            |x: u64| {
                // uneven work, so that later items often finish first
                std::thread::sleep(std::time::Duration::from_micros((x * 7919) % 300));
                x * 2
            },
            || {},
        );
        for &x in items {
            pool.push(x, 10, &mut sink).unwrap();
        }
        pool.finish(&mut sink).unwrap();
        got
    }

    #[test]
    fn results_come_back_in_input_order_for_any_thread_count() {
        let items: Vec<u64> = (0..500).collect();
        let want: Vec<u64> = items.iter().map(|x| x * 2).collect();
        for threads in [1, 2, 3, 8] {
            for limit in [1, 25, 1000, usize::MAX] {
                assert_eq!(run(threads, limit, &items), want, "{threads} threads, limit {limit}");
            }
        }
        assert!(run(2, 100, &[]).is_empty());
    }

    #[test]
    fn what_is_held_stays_under_the_limit() {
        let held = Arc::new(std::sync::atomic::AtomicIsize::new(0));
        let most = Arc::new(std::sync::atomic::AtomicIsize::new(0));
        let (h, m) = (Arc::clone(&held), Arc::clone(&most));
        let mut pool = OrderedPool::new(
            2,
            50,
            move |x: u64| {
                let now = h.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                m.fetch_max(now, std::sync::atomic::Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_micros(50));
                x
            },
            || {},
        );
        let mut sink = |_: u64| -> Result<(), WorkerStopped> {
            held.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
            Ok(())
        };
        for x in 0..300 {
            pool.push(x, 10, &mut sink).unwrap();
        }
        pool.finish(&mut sink).unwrap();
        // items of weight 10 under a limit of 50: at most five in flight
        assert!(most.load(std::sync::atomic::Ordering::SeqCst) <= 5);
    }

    #[test]
    fn a_worker_that_panics_is_an_error_not_a_hang() {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let mut pool = OrderedPool::new(
            2,
            30,
            |x: u64| {
                assert!(x != 7, "item 7");
                x
            },
            || {},
        );
        let mut sink = |_: u64| -> Result<(), WorkerStopped> { Ok(()) };
        let mut failed = false;
        for x in 0..100 {
            if pool.push(x, 10, &mut sink).is_err() {
                failed = true;
                break;
            }
        }
        let finished = if failed { Err(WorkerStopped) } else { pool.finish(&mut sink) };
        std::panic::set_hook(prev);
        assert!(finished.is_err());
    }

    #[test]
    fn tidy_runs_on_the_workers_as_weight_is_processed() {
        let count = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let c = Arc::clone(&count);
        let mut pool = OrderedPool::new(
            2,
            100,
            |x: u64| x,
            move || {
                c.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            },
        );
        let mut sink = |_: u64| -> Result<(), WorkerStopped> { Ok(()) };
        for x in 0..100 {
            pool.push(x, 10, &mut sink).unwrap();
        }
        pool.finish(&mut sink).unwrap();
        // 1000 of weight, tidied every 50, plus once per worker at the end
        let n = count.load(std::sync::atomic::Ordering::SeqCst);
        assert!((20..=22).contains(&n), "{n}");
    }
}
