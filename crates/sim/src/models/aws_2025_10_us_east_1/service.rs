//! The services of the October 2025 model: the nodes of the dependency map and the rows of
//! the observables. Ids are stable: links, the CLI and the UI's `data-*` attributes use them.

crate::nodes! {
    /// The nodes of the October 2025 model.
    pub enum Service {
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
}

pub const SERVICE_COUNT: usize = Service::ALL.len();

impl Service {
    #[inline(always)]
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
