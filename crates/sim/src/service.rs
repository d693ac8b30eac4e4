//! The services of the October 2025 model: the nodes of the dependency map and the rows of
//! the observables. Ids are stable: links, the CLI and the UI's `data-*` attributes use them.

use serde::{Deserialize, Serialize};

macro_rules! services {
    ($( $variant:ident = $id:literal, $name:literal; )*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum Service { $( $variant, )* }

        impl Service {
            pub const ALL: &'static [Service] = &[ $( Service::$variant, )* ];
            pub fn id(self) -> &'static str { match self { $( Service::$variant => $id, )* } }
            pub fn name(self) -> &'static str { match self { $( Service::$variant => $name, )* } }
            pub fn parse(id: &str) -> Option<Service> { match id { $( $id => Some(Service::$variant), )* _ => None } }
        }
    };
}

services! {
    Planner = "dns-planner", "DNS Planner";
    EnactorA = "enactor-a", "DNS Enactor A";
    EnactorB = "enactor-b", "DNS Enactor B";
    EnactorC = "enactor-c", "DNS Enactor C";
    Route53 = "route53", "Route 53";
    DynamoDb = "dynamodb", "DynamoDB";
    Dwfm = "dwfm", "EC2 DWFM";
    Ec2Launch = "ec2-launch", "EC2 launches";
    Ec2Api = "ec2-api", "EC2 API";
    NetworkManager = "network-manager", "Network Manager";
    Nlb = "nlb", "NLB";
    Lambda = "lambda", "Lambda";
    LambdaSqs = "lambda-sqs", "Lambda SQS poller";
    Sts = "sts", "STS";
    Iam = "iam", "IAM sign-in";
    Ecs = "ecs", "ECS/EKS/Fargate";
    Redshift = "redshift", "Redshift";
    Connect = "connect", "Amazon Connect";
    CustomerApp = "customer-app", "Customer app";
}

pub const SERVICE_COUNT: usize = Service::ALL.len();

impl Service {
    pub fn index(self) -> usize {
        self as usize
    }
    pub fn enactor(i: usize) -> Service {
        [Service::EnactorA, Service::EnactorB, Service::EnactorC][i]
    }
    /// Which Enactor this is (the inverse of `enactor`), if it is one.
    pub fn enactor_index(self) -> Option<usize> {
        match self {
            Service::EnactorA => Some(0),
            Service::EnactorB => Some(1),
            Service::EnactorC => Some(2),
            _ => None,
        }
    }
}

/// The health a node shows, by colour and by a second signal in the UI.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "kebab-case")]
pub enum Health {
    #[default]
    Healthy,
    Degraded,
    Down,
    Unknown,
}

impl Health {
    pub fn id(self) -> &'static str {
        match self {
            Health::Healthy => "healthy",
            Health::Degraded => "degraded",
            Health::Down => "down",
            Health::Unknown => "unknown",
        }
    }
}
