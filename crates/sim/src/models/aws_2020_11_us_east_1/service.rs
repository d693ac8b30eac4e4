//! The services of the November 2020 model: the nodes of its dependency map. Ids are stable:
//! links, the CLI and the UI's `data-*` attributes use them.

crate::nodes! {
    /// The nodes of the November 2020 model.
    pub enum Service {
    Membership = "membership", "Membership service";
    Frontend = "frontend", "Kinesis front-end fleet";
    Backend = "backend", "Kinesis back-end cells";
    Kinesis = "kinesis", "Kinesis Data Streams";
    CloudWatch = "cloudwatch", "CloudWatch";
    AutoScaling = "autoscaling", "AutoScaling";
    Lambda = "lambda", "Lambda";
    Cognito = "cognito", "Cognito";
    EventBridge = "eventbridge", "EventBridge";
    Ecs = "ecs", "ECS/EKS";
    StatusPage = "status-page", "Status page";
    }
}

pub const SERVICE_COUNT: usize = Service::ALL.len();
