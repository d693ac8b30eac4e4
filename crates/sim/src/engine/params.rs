//! Named parameters. Every number a source did not state (droplet counts, queue sizes,
//! timeouts) is a parameter with its unit, range, provenance and a note, so the UI shows it as a
//! parameter rather than hiding it as a constant, and a link can override it.

use crate::engine::model::Listed;
use serde::Serialize;

/// A parameter that takes one of a few named values rather than a number: a list to pick from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChoiceInfo {
    pub key: &'static str,
    pub value: &'static str,
    pub default: &'static str,
    /// (id, what it means), in the order offered.
    pub options: Vec<(&'static str, &'static str)>,
    pub provenance: Provenance,
    /// For a fitted one, what it was fitted to (see `ParamInfo::fitted_to`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fitted_to: Option<&'static str>,
    pub about: &'static str,
}

/// Where a parameter's value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Provenance {
    /// AWS stated it (e.g. three Enactors).
    Stated,
    /// AWS gave no number; the value is fitted so the default run matches one reference (a time
    /// or a share with its source tag), which the parameter names (`fitted_to`).
    Fitted,
    /// AWS gave no number and no reference pins it: a modelling choice.
    Assumed,
}

/// One parameter as the UI lists it.
#[derive(Clone, Debug, Serialize)]
pub struct ParamInfo {
    pub key: &'static str,
    pub value: u64,
    pub default: u64,
    pub unit: &'static str,
    pub min: u64,
    pub max: u64,
    pub provenance: Provenance,
    /// For a fitted parameter, the reference it was fitted to with its source tag, short
    /// (`"11:48 PM [P]"`); `None` for a stated or assumed one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fitted_to: Option<&'static str>,
    pub about: &'static str,
}

/// A parameter whose value is one of a few named options, listed in the order offered.
pub trait Choice: Listed {
    /// What the option means, for a person.
    fn label(self) -> &'static str;
}

/// Declares a model's parameters: a struct of numeric fields (each with unit, default, range,
/// provenance and its doc comment as the note) and choice fields, and its `ParamSet` impl. A
/// row's provenance is `Stated`, `Assumed` or `Fitted("<what it was fitted to, with its tag>")`,
/// e.g. `Fitted("2:40 AM [P]")`. The model writes `fn check(&self) -> Result<(), String>`
/// (cross-parameter rules) on the struct. After the model's numbers come the engine's own,
/// which every model has: the error rates at which the engine shows a node degraded and down
/// (see `health`).
#[macro_export]
macro_rules! params {
    (@fitted Fitted($to:literal)) => { Some($to) };
    (@fitted Stated) => { None };
    (@fitted Assumed) => { None };
    (
        $(#[$smeta:meta])* pub struct $P:ident;
        numbers { $($numbers:tt)* }
        choices { $($choices:tt)* }
    ) => {
        $crate::params! {
            @with_engine_numbers
            $(#[$smeta])* pub struct $P;
            numbers {
                $($numbers)*
                /// Error rate (basis points) at which a service counts as degraded.
                degraded_at_bp: "bp" = 100, [1, 10_000], Assumed;
                /// Error rate (basis points) at which a service counts as down.
                down_at_bp: "bp" = 5_000, [1, 10_000], Assumed;
            }
            choices { $($choices)* }
        }
    };
    (
        @with_engine_numbers
        $(#[$smeta:meta])* pub struct $P:ident;
        numbers { $( $(#[doc = $doc:literal])* $key:ident : $unit:literal = $default:expr, [$min:expr, $max:expr], $prov:ident $(($to:literal))?; )* }
        choices { $( $(#[doc = $cdoc:literal])* $ckey:ident : $cty:ty = $cdefault:expr, $cprov:ident $(($cto:literal))?; )* }
    ) => {
        $(#[$smeta])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $P {
            $( $(#[doc = $doc])* pub $key: u64, )*
            $( $(#[doc = $cdoc])* pub $ckey: $cty, )*
        }

        impl Default for $P {
            fn default() -> Self {
                $P { $( $key: $default, )* $( $ckey: $cdefault, )* }
            }
        }

        impl $crate::engine::model::ParamSet for $P {
            fn describe(&self) -> Vec<$crate::engine::params::ParamInfo> {
                vec![$( $crate::engine::params::ParamInfo {
                    key: stringify!($key),
                    value: self.$key,
                    default: $default,
                    unit: $unit,
                    min: $min,
                    max: $max,
                    provenance: $crate::engine::params::Provenance::$prov,
                    fitted_to: $crate::params!(@fitted $prov $(($to))?),
                    about: concat!($($doc),*).trim_start(),
                }, )*]
            }

            fn get(&self, key: &str) -> Option<u64> {
                match key { $( stringify!($key) => Some(self.$key), )* _ => None }
            }

            fn set(&mut self, key: &str, value: u64) -> Result<(), String> {
                // One range check for every key: the browser's build keeps one copy of it.
                let (slot, min, max, unit): (&mut u64, u64, u64, &str) = match key {
                    $( stringify!($key) => (&mut self.$key, $min, $max, $unit), )*
                    $( stringify!($ckey) => return Err(format!("{} takes one of its options, not a number", key)), )*
                    _ => return Err(format!("no parameter named {key:?}")),
                };
                if !(min..=max).contains(&value) {
                    return Err(format!("parameter {key} must be between {min} and {max} {unit}, not {value}"));
                }
                *slot = value;
                Ok(())
            }

            #[allow(unused_imports)]
            fn choices(&self) -> Vec<$crate::engine::params::ChoiceInfo> {
                use $crate::engine::model::Listed;
                use $crate::engine::params::Choice;
                vec![$( $crate::engine::params::ChoiceInfo {
                    key: stringify!($ckey),
                    value: self.$ckey.id(),
                    default: { let d: $cty = $cdefault; d.id() },
                    options: <$cty as Listed>::ALL.iter().map(|c| (c.id(), c.label())).collect(),
                    provenance: $crate::engine::params::Provenance::$cprov,
                    fitted_to: $crate::params!(@fitted $cprov $(($cto))?),
                    about: concat!($($cdoc),*).trim_start(),
                }, )*]
            }

            #[allow(unused_imports, unused_variables)]
            fn set_choice(&mut self, key: &str, value: &str) -> Result<(), String> {
                use $crate::engine::model::Listed;
                match key {
                    $( stringify!($ckey) => {
                        self.$ckey = <$cty as Listed>::parse(value).ok_or_else(|| {
                            let ids: Vec<&str> = <$cty as Listed>::ALL.iter().map(|c| c.id()).collect();
                            format!("{} takes {}, not {:?}", key, ids.join(", "), value)
                        })?;
                        Ok(())
                    } )*
                    _ => Err(format!("there is no choice parameter {key:?}")),
                }
            }

            fn validate(&self) -> Result<(), String> {
                if self.degraded_at_bp > self.down_at_bp {
                    return Err("the error rate at which a service counts as degraded must not exceed the one at which it counts as down".into());
                }
                self.check()
            }

            fn health_thresholds(&self) -> (u64, u64) {
                (self.degraded_at_bp, self.down_at_bp)
            }
        }
    };
}
