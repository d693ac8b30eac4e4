//! The services of the April 2011 model: the nodes of its dependency map. Ids are stable:
//! links, the CLI and the UI's `data-*` attributes use them.

crate::nodes! {
    /// The nodes of the April 2011 model.
    pub enum Service {
    PrimaryNetwork = "primary-network", "Primary EBS network";
    SecondaryNetwork = "secondary-network", "Secondary EBS network";
    Ebs = "ebs", "EBS volumes (affected AZ)";
    ControlPlane = "control-plane", "EBS control plane";
    EbsApiAz = "ebs-api-az", "EBS APIs, affected AZ";
    EbsApi = "ebs-api", "EBS APIs, whole region";
    Ec2 = "ec2", "EC2 instances (affected AZ)";
    Ec2Launch = "ec2-launch", "EBS-backed launches";
    Rds = "rds", "RDS Single-AZ";
    RdsMultiAz = "rds-multi-az", "RDS Multi-AZ";
    }
}

pub const SERVICE_COUNT: usize = Service::ALL.len();
