//! `"complexity": {"function", "generator", "sizes"}` (Python and JavaScript): how the work of
//! a function grows with its input. For each size `n`, the call harness runs `generator(n)`
//! for the arguments and then `function(*arguments)`, in a fresh sandbox, and once more without
//! the call: the difference of the two runs' fuel is the call's own work, counted in
//! WebAssembly instructions, so the figures are the same on every machine. The class is the
//! growth that fits the figures best; the exponent is the slope of log(fuel) on log(n).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::ApiError;

/// The request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct ComplexityRequest {
    /// The function measured: a top-level function of the entry file.
    pub(crate) function: String,
    /// A function of the entry file that returns the argument list for size `n`.
    pub(crate) generator: String,
    /// The sizes, increasing: from 3 to 12 of them, each from 1 to 10,000,000.
    pub(crate) sizes: Vec<u64>,
}

/// Most sizes a request may measure (each is two runs).
const MAX_SIZES: usize = 12;

impl ComplexityRequest {
    pub(crate) fn check(&self) -> Result<(), ApiError> {
        let refuse = |why: &str| {
            Err(ApiError::bad_request(
                "invalid_field",
                format!("complexity: {why}"),
            ))
        };
        if !(3..=MAX_SIZES).contains(&self.sizes.len()) {
            return refuse(&format!("give from 3 to {MAX_SIZES} sizes"));
        }
        if self.sizes.iter().any(|n| !(1..=10_000_000).contains(n)) {
            return refuse("each size is from 1 to 10,000,000");
        }
        if self.sizes.windows(2).any(|pair| pair[0] >= pair[1]) {
            return refuse("the sizes must increase");
        }
        if self.function.is_empty() || self.generator.is_empty() {
            return refuse("name the function and the generator");
        }
        Ok(())
    }
}

/// How work grows with the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub(crate) enum Growth {
    #[serde(rename = "O(1)")]
    Constant,
    #[serde(rename = "O(log n)")]
    Logarithmic,
    #[serde(rename = "O(n)")]
    Linear,
    #[serde(rename = "O(n log n)")]
    Linearithmic,
    #[serde(rename = "O(n^2)")]
    Quadratic,
    #[serde(rename = "O(n^3)")]
    Cubic,
    #[serde(rename = "O(2^n)")]
    Exponential,
}

const CLASSES: [Growth; 7] = [
    Growth::Constant,
    Growth::Logarithmic,
    Growth::Linear,
    Growth::Linearithmic,
    Growth::Quadratic,
    Growth::Cubic,
    Growth::Exponential,
];

impl Growth {
    /// The natural log of the growth at `n` (up to a constant factor).
    fn ln_at(self, n: f64) -> f64 {
        let n = n.max(2.0);
        match self {
            Growth::Constant => 0.0,
            Growth::Logarithmic => n.ln().ln(),
            Growth::Linear => n.ln(),
            Growth::Linearithmic => n.ln() + n.ln().ln(),
            Growth::Quadratic => 2.0 * n.ln(),
            Growth::Cubic => 3.0 * n.ln(),
            Growth::Exponential => n * std::f64::consts::LN_2,
        }
    }

    /// One sentence a voice agent can read.
    fn summary(self) -> &'static str {
        match self {
            Growth::Constant => "The work barely changes as the input grows: this looks constant.",
            Growth::Logarithmic => {
                "Doubling the input adds only a little work: this looks logarithmic."
            }
            Growth::Linear => "Doubling the input roughly doubles the work: this looks linear.",
            Growth::Linearithmic => {
                "Doubling the input a bit more than doubles the work: this looks like n log n."
            }
            Growth::Quadratic => {
                "Doubling the input roughly quadruples the work: this looks quadratic."
            }
            Growth::Cubic => {
                "Doubling the input multiplies the work by about eight: this looks cubic."
            }
            Growth::Exponential => {
                "Each step up in input size multiplies the work: this looks exponential."
            }
        }
    }
}

/// The answer: the figures, and what they fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Complexity {
    pub(crate) sizes: Vec<u64>,
    /// The call's own fuel at each size.
    pub(crate) fuel: Vec<u64>,
    /// The slope of log(fuel) on log(n): about 1 for linear work, 2 for quadratic.
    pub(crate) exponent: f64,
    pub(crate) class: Growth,
    pub(crate) summary: String,
}

impl Complexity {
    /// The fit of `fuel` at `sizes`.
    pub(crate) fn fitted(sizes: Vec<u64>, fuel: Vec<u64>) -> Complexity {
        let points: Vec<(f64, f64)> = sizes
            .iter()
            .zip(&fuel)
            .map(|(&n, &f)| (n as f64, (f.max(1)) as f64))
            .collect();
        let class = best_fit(&points);
        Complexity {
            exponent: (slope(&points) * 100.0).round() / 100.0,
            class,
            summary: class.summary().to_owned(),
            sizes,
            fuel,
        }
    }
}

/// The slope of ln(fuel) on ln(n), by least squares.
fn slope(points: &[(f64, f64)]) -> f64 {
    let xs: Vec<f64> = points.iter().map(|(n, _)| n.ln()).collect();
    let ys: Vec<f64> = points.iter().map(|(_, f)| f.ln()).collect();
    let count = xs.len() as f64;
    let (mean_x, mean_y) = (
        xs.iter().sum::<f64>() / count,
        ys.iter().sum::<f64>() / count,
    );
    let covariance: f64 = xs
        .iter()
        .zip(&ys)
        .map(|(x, y)| (x - mean_x) * (y - mean_y))
        .sum();
    let variance: f64 = xs.iter().map(|x| (x - mean_x).powi(2)).sum();
    if variance == 0.0 {
        0.0
    } else {
        covariance / variance
    }
}

/// The growth under which fuel/growth(n) is most nearly constant: the least variance of
/// ln(fuel) - ln(growth(n)).
fn best_fit(points: &[(f64, f64)]) -> Growth {
    let spread = |class: Growth| {
        let residuals: Vec<f64> = points
            .iter()
            .map(|(n, f)| f.ln() - class.ln_at(*n))
            .collect();
        let mean = residuals.iter().sum::<f64>() / residuals.len() as f64;
        residuals.iter().map(|r| (r - mean).powi(2)).sum::<f64>()
    };
    CLASSES
        .into_iter()
        .min_by(|a, b| spread(*a).total_cmp(&spread(*b)))
        .unwrap_or(Growth::Linear)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_told_apart() {
        let sizes = vec![100, 200, 400, 800, 1600];
        let at = |f: fn(f64) -> f64| {
            sizes
                .iter()
                .map(|&n| (f(n as f64) * 50.0 + 300.0) as u64)
                .collect::<Vec<_>>()
        };
        let fit = |fuel| Complexity::fitted(sizes.clone(), fuel);
        assert_eq!(fit(at(|n| n)).class, Growth::Linear);
        assert_eq!(fit(at(|n| n * n.log2())).class, Growth::Linearithmic);
        assert_eq!(fit(at(|n| n * n)).class, Growth::Quadratic);
        assert_eq!(fit(at(|n| n * n * n)).class, Growth::Cubic);
        assert_eq!(fit(at(|_| 7.0)).class, Growth::Constant);
        assert_eq!(fit(at(|n| n * n)).exponent, 2.0);
        let exponential = Complexity::fitted(vec![4, 8, 12, 16], vec![16, 256, 4096, 65536]);
        assert_eq!(exponential.class, Growth::Exponential);
        assert_eq!(
            serde_json::to_value(Growth::Linearithmic).unwrap(),
            "O(n log n)"
        );
    }
}
