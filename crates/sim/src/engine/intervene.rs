//! How a model declares its interventions: one row per kind in `interventions!`, from which
//! the enum, its serde form and all of [`Intervene`](crate::engine::model::Intervene) follow,
//! so a kind's token, label, check, offers and effect cannot drift apart.

/// A field of an intervention as it appears in a link token: each field is one `.`-separated
/// part after the kind; an optional field, when absent, is no part at all.
pub trait TokenArg: Sized {
    fn write(&self, out: &mut String);
    fn read(parts: &mut std::str::Split<'_, char>) -> Option<Self>;
}

macro_rules! number_token {
    ($($t:ty),*) => {$(
        impl TokenArg for $t {
            fn write(&self, out: &mut String) {
                out.push('.');
                out.push_str(&self.to_string());
            }
            fn read(parts: &mut std::str::Split<'_, char>) -> Option<Self> {
                parts.next()?.parse().ok()
            }
        }
    )*};
}
number_token!(u8, u16, u32, u64);

impl<T: TokenArg> TokenArg for Option<T> {
    fn write(&self, out: &mut String) {
        if let Some(x) = self {
            x.write(out);
        }
    }
    fn read(parts: &mut std::str::Split<'_, char>) -> Option<Self> {
        if parts.clone().next().is_none() {
            return Some(None);
        }
        T::read(parts).map(Some)
    }
}

impl TokenArg for bool {
    fn write(&self, out: &mut String) {
        out.push_str(if *self { ".on" } else { ".off" });
    }
    fn read(parts: &mut std::str::Split<'_, char>) -> Option<Self> {
        match parts.next()? {
            "on" => Some(true),
            "off" => Some(false),
            _ => None,
        }
    }
}

/// What a row offers on `node`: `what` if `node` is one of `nodes`, else nothing.
pub fn offered_on<N: PartialEq, I>(
    node: N,
    nodes: &[N],
    what: impl IntoIterator<Item = I>,
) -> impl Iterator<Item = I> {
    nodes.contains(&node).then_some(what).into_iter().flatten()
}

/// Declares a model's interventions: an enum implementing
/// [`Intervene`](crate::engine::model::Intervene), one row per kind.
///
/// ```text
/// interventions! {
///     in_run(node, params): <bool>;            // optional: a node the run lacks offers nothing
///     /// What the enum is.
///     pub enum Intervention for Region {
///         /// What this kind does.
///         Kind { field: Type, .. } => {
///             token: "kind",                       // link token; then each field's `TokenArg`
///             node: <node>,                        // the node it is logged on
///             label: <String>,
///             sets: <&'static str>,                // optional: the setting it sets (see `Intervene::sets`)
///             check(params): <Result<(), String>>, // optional: Ok(()) when absent
///             offer(node, params): <IntoIterator>, // optional: what the inspector lists on `node`
///             apply(model, by, cx): <effect>,      // `by` is its own log entry
///         }
///     }
/// }
/// ```
///
/// `node`, `label`, `check` and `apply` see the fields by name, as references. The serde form
/// is tagged by `kind`, kebab-case; a variant's or field's own `#[serde(..)]` attributes are
/// kept. The order of the rows is the order the inspector lists a node's offers in.
#[macro_export]
macro_rules! interventions {
    (@check $params:ident) => { Ok(()) };
    (@check $params:ident, $p:ident, $check:expr) => {{
        let $p = $params;
        $check
    }};
    (@offer $node:ident, $params:ident) => { ::std::iter::empty() };
    (@sets) => { None };
    (@sets $sets:expr) => { Some($sets) };
    (@offer $node:ident, $params:ident, $n:ident, $p:ident, $offer:expr) => {{
        let ($n, $p) = ($node, $params);
        $offer
    }};
    (
        $(in_run($in_node:ident, $in_params:ident): $in_run:expr;)?
        $(#[$meta:meta])*
        pub enum $I:ident for $M:ty {
            $(
                $(#[$vattr:meta])*
                $V:ident $({ $( $(#[$fattr:meta])* $f:ident : $t:ty ),* $(,)? })? => {
                    token: $token:literal,
                    node: $node:expr,
                    label: $label:expr,
                    $(sets: $sets:expr,)?
                    $(check($cp:ident): $check:expr,)?
                    $(offer($on:ident, $op:ident): $offer:expr,)?
                    apply($m:ident, $by:ident, $cx:ident): $apply:expr $(,)?
                }
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "kind", rename_all = "kebab-case")]
        pub enum $I {
            $( $(#[$vattr])* $V $({ $( $(#[$fattr])* $f: $t ),* })?, )*
        }

        #[allow(unused_variables)]
        impl $crate::engine::model::Intervene<$M> for $I {
            fn node(&self) -> <$M as $crate::engine::model::ModelTypes>::Node {
                match self { $( $I::$V $({ $($f),* })? => $node, )* }
            }

            fn label(&self) -> String {
                match self { $( $I::$V $({ $($f),* })? => $label, )* }
            }

            fn token(&self) -> String {
                match self {
                    $( $I::$V $({ $($f),* })? => {
                        #[allow(unused_mut)]
                        let mut s = String::from($token);
                        $( $( $crate::engine::intervene::TokenArg::write($f, &mut s); )* )?
                        s
                    } )*
                }
            }

            fn sets(&self) -> Option<&'static str> {
                match self {
                    $( $I::$V $({ $($f),* })? => $crate::interventions!(@sets $($sets)?), )*
                }
            }

            fn parse_token(tok: &str) -> Option<Self> {
                let mut parts = tok.split('.');
                let what = match parts.next()? {
                    $( $token => $I::$V $({ $(
                        $f: <$t as $crate::engine::intervene::TokenArg>::read(&mut parts)?
                    ),* })?, )*
                    _ => return None,
                };
                parts.next().is_none().then_some(what)
            }

            fn check(
                &self,
                params: &<$M as $crate::engine::model::ModelTypes>::Params,
            ) -> Result<(), String> {
                match self {
                    $( $I::$V $({ $($f),* })? => {
                        $crate::interventions!(@check params $(, $cp, $check)?)
                    } )*
                }
            }

            fn offered(
                node: <$M as $crate::engine::model::ModelTypes>::Node,
                params: &<$M as $crate::engine::model::ModelTypes>::Params,
            ) -> Vec<Self> {
                $( {
                    let ($in_node, $in_params) = (node, params);
                    if !$in_run {
                        return Vec::new();
                    }
                } )?
                let mut out = Vec::new();
                $( out.extend(
                    $crate::interventions!(@offer node, params $(, $on, $op, $offer)?)
                ); )*
                out
            }

            fn apply(
                &self,
                model: &mut $M,
                by: $crate::engine::log::EventId,
                cx: &mut $crate::engine::queue::Ctx<$M>,
            ) {
                match self {
                    $( $I::$V $({ $($f),* })? => {
                        let ($m, $by, $cx) = (&mut *model, by, &mut *cx);
                        $apply;
                    } )*
                }
            }
        }

        // The same, without importing the trait.
        #[allow(dead_code)]
        impl $I {
            pub fn node(&self) -> <$M as $crate::engine::model::ModelTypes>::Node {
                $crate::engine::model::Intervene::<$M>::node(self)
            }
            pub fn label(&self) -> String {
                $crate::engine::model::Intervene::<$M>::label(self)
            }
            pub fn token(&self) -> String {
                $crate::engine::model::Intervene::<$M>::token(self)
            }
            pub fn parse_token(tok: &str) -> Option<Self> {
                <Self as $crate::engine::model::Intervene<$M>>::parse_token(tok)
            }
            pub fn apply(
                &self,
                model: &mut $M,
                by: $crate::engine::log::EventId,
                cx: &mut $crate::engine::queue::Ctx<$M>,
            ) {
                $crate::engine::model::Intervene::<$M>::apply(self, model, by, cx)
            }
        }
    };
}
