//! Which image runs Java: the one `infra/java-image/build` makes from this very recipe.

use sha2::{Digest, Sha256};

/// The recipe: the build script and the runner. The image's tag is a hash of both, computed
/// the same way by the script (`--print-name`), so that a runtime never talks to a runner of
/// another version.
const BUILD_SCRIPT: &[u8] = include_bytes!("../../../infra/java-image/build");
const RUNNER: &[u8] = include_bytes!("../../../infra/java-image/runner/codebox/Runner.java");

/// How to make the image, for error messages.
pub(crate) const BUILD_HINT: &str = "build it with `infra/java-image/build` (see infra/README.md)";

/// `localhost/codebox-java:<16 hex digits of the recipe's SHA-256>`.
pub(crate) fn default_image() -> String {
    let digest = Sha256::new()
        .chain_update(BUILD_SCRIPT)
        .chain_update(RUNNER)
        .finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("localhost/codebox-java:{}", &hex[..16])
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_name_is_the_one_the_build_script_makes() {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../infra/java-image/build");
        let out = std::process::Command::new(script)
            .arg("--print-name")
            .output()
            .expect("run the build script");
        assert!(out.status.success());
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            super::default_image()
        );
    }
}
