//! The Java backend against the real container engine `DOCKER_HOST` names: an absent image,
//! the pool, streaming, cancelling, and containers removed however runs end. One test, so that
//! its count of containers is not disturbed by other tests of this binary.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use codebox_runtime::{
    CancelToken, Error, JavaConfig, Language, Limits, RunRequest, Runtime, StreamKind, Termination,
};

mod support {
    pub(crate) mod containers;
}
use support::containers::codebox_containers;

const HELLO: &str = "public class Main {\n    public static void main(String[] a) throws Exception {\n        System.out.println(\"hello from the pool\");\n    }\n}\n";
/// Takes native memory (outside the heap, which the JVM caps itself) until the container's memory
/// cap stops it.
const NATIVE_HOG: &str = "import java.lang.reflect.Field;\nimport sun.misc.Unsafe;\npublic class Main {\n    public static void main(String[] a) throws Exception {\n        Field f = Unsafe.class.getDeclaredField(\"theUnsafe\");\n        f.setAccessible(true);\n        Unsafe u = (Unsafe) f.get(null);\n        System.out.println(\"allocating\");\n        while (true) {\n            long p = u.allocateMemory(8 << 20);\n            u.setMemory(p, 8 << 20, (byte) 1);\n        }\n    }\n}\n";
/// Takes 16 MiB of native memory, well under the cap, and ends by itself.
const NATIVE_SIP: &str = "import java.lang.reflect.Field;\nimport sun.misc.Unsafe;\npublic class Main {\n    public static void main(String[] a) throws Exception {\n        Field f = Unsafe.class.getDeclaredField(\"theUnsafe\");\n        f.setAccessible(true);\n        Unsafe u = (Unsafe) f.get(null);\n        long p = u.allocateMemory(16 << 20);\n        u.setMemory(p, 16 << 20, (byte) 1);\n        System.out.println(\"took 16 MiB\");\n    }\n}\n";
const SLEEPER: &str = "public class Main {\n    public static void main(String[] a) throws Exception {\n        System.out.println(\"going to sleep\");\n        Thread.sleep(60_000);\n    }\n}\n";

fn wait_for_no_containers() {
    let deadline = Instant::now() + Duration::from_secs(20);
    while codebox_containers() > 0 {
        assert!(
            Instant::now() < deadline,
            "codebox's containers were not removed"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn java(source: &str) -> RunRequest {
    RunRequest::new(Language::Java, "Main.java").file("Main.java", source.to_owned())
}

#[test]
fn java_backend_against_the_engine() {
    wait_for_no_containers();

    // An image the engine lacks: a clear error that says how to build it, and no run.
    let missing = Runtime::builder()
        .java(JavaConfig::default().image("localhost/codebox-java:absent"))
        .build()
        .expect("runtime");
    match missing.prepare(Language::Java) {
        Err(Error::JavaUnavailable(why)) => {
            assert!(why.contains("infra/java-image/build"), "{why}")
        }
        other => panic!("expected JavaUnavailable, got {other:?}"),
    }

    // A runtime with a pool of two: runs take started containers, the pool refills.
    let runtime = Runtime::builder()
        .java(JavaConfig::default().pool_size(2))
        .build()
        .expect("runtime");
    assert_eq!(
        runtime.java_usage(),
        None,
        "nothing to report before Java is prepared"
    );
    runtime.prepare(Language::Java).expect("Java is ready");
    for _ in 0..3 {
        let result = runtime.run(&java(HELLO)).expect("run");
        assert_eq!(result.stdout, "hello from the pool\n", "{result:?}");
        assert!(result.success(), "{result:?}");
    }

    // Output streams while the program runs; a timeout keeps it.
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    let timed = java(SLEEPER)
        .limits(Limits::default().with_timeout(Duration::from_secs(3)))
        .on_output(move |stream, bytes| {
            sink.lock().unwrap().push((stream, bytes.to_vec()));
        });
    let result = runtime.run(&timed).expect("run");
    assert_eq!(result.termination, Termination::Timeout, "{result:?}");
    assert_eq!(result.stdout, "going to sleep\n");
    assert_eq!(
        *seen.lock().unwrap(),
        vec![(StreamKind::Stdout, b"going to sleep\n".to_vec())]
    );

    // A cancelled run stops at once and says so. While it runs, the usage counts it.
    let cancel = CancelToken::new();
    let canceller = cancel.clone();
    let watched = runtime.clone();
    let stopper = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(1500));
        let during = watched.java_usage().expect("usage");
        canceller.cancel();
        during
    });
    let result = runtime
        .run(&java(SLEEPER).cancel_token(cancel))
        .expect("run");
    let during = stopper.join().unwrap();
    assert_eq!(result.termination, Termination::Cancelled, "{result:?}");
    assert_eq!(during.running, 1, "{during:?}");
    assert_eq!(runtime.java_usage().expect("usage").running, 0);
    // The pool refills to its size in the background.
    let deadline = Instant::now() + Duration::from_secs(60);
    while runtime.java_usage().expect("usage").pooled < 2 {
        assert!(Instant::now() < deadline, "the pool did not refill");
        std::thread::sleep(Duration::from_millis(100));
    }

    // A memory limit other than the pool's starts a container of its own.
    let big = java(HELLO).limits(Limits::default().with_memory_bytes(256 << 20));
    assert!(runtime.run(&big).expect("run").success());

    // Below what a JVM needs: refused before anything starts.
    let tiny = java(HELLO).limits(Limits::default().with_memory_bytes(32 << 20));
    assert!(matches!(runtime.run(&tiny), Err(Error::InvalidRequest(_))));

    // Native memory past the container's cap: the kernel kills the JVM, and the run ends as
    // `MemoryLimit`, not as an exit with code 137. Under the cap, the same program ends by itself.
    let sip = runtime.run(&java(NATIVE_SIP)).expect("run");
    assert!(sip.success(), "{sip:?}");
    assert_eq!(sip.stdout, "took 16 MiB\n");
    let hog = runtime.run(&java(NATIVE_HOG)).expect("run");
    assert_eq!(hog.termination, Termination::MemoryLimit, "{hog:?}");
    assert_eq!(hog.stdout, "allocating\n");

    // Sessions share compiled programs, but nothing one uploads changes another's result: a
    // file where the runner keeps its classes breaks that session's compile only.
    let sources = HELLO.replace("the pool", "another session");
    let intruder = java(&sources).file(".codebox/classes", "not a folder");
    let broken = runtime.run(&intruder).expect("run");
    assert!(!broken.success(), "{broken:?}");
    for _ in 0..2 {
        let other = runtime.run(&java(&sources)).expect("run");
        assert!(other.success(), "{other:?}");
        assert_eq!(other.stdout, "hello from another session\n");
    }

    // Every run's container is gone, and the pool's go with the runtime.
    drop(runtime);
    wait_for_no_containers();
}
