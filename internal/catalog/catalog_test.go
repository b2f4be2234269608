package catalog

import (
	"slices"
	"strings"
	"testing"
)

func TestCatalogueHasNoCollisions(t *testing.T) {
	c, err := parseCatalogue(servicesTxt)
	if err != nil {
		t.Fatalf("parseCatalogue: %v", err)
	}
	for _, msg := range c.collisions {
		t.Errorf("collision: %s", msg)
	}
	if got, want := len(c.services), 230; got < want {
		t.Errorf("catalogue has %d services, want at least %d", got, want)
	}
}

func TestParseCatalogueErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"two columns", "Amazon S3 | Storage\n", "want 3 columns"},
		{"no category", "Amazon S3 | | S3 bucket\n", "no category"},
		{"empty alias word", "Amazon S3 | Storage | ---\n", "has no word"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseCatalogue(tt.src)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parseCatalogue(%q) error = %v, want one containing %q", tt.src, err, tt.want)
			}
		})
	}
}

// TestNoAliasNamesTwoServices walks the whole catalogue: every name and
// alias, with and without prefix, must lead back to its own service.
func TestNoAliasNamesTwoServices(t *testing.T) {
	owner := map[string]string{}
	for _, s := range All() {
		for _, name := range append([]string{s.Name}, s.Aliases...) {
			key := strings.Join(foldWords(name), " ")
			if prev, ok := owner[key]; ok && prev != s.Name {
				t.Errorf("%q names both %s and %s", name, prev, s.Name)
			}
			owner[key] = s.Name
		}
	}
}

func TestAllIsSortedAndComplete(t *testing.T) {
	all := All()
	if !slices.IsSortedFunc(all, func(a, b Service) int { return strings.Compare(a.Name, b.Name) }) {
		t.Errorf("All() is not sorted by Name")
	}
	for _, s := range all {
		if s.Category == "" {
			t.Errorf("%s has no category", s.Name)
		}
	}
	all[0].Aliases = append(all[0].Aliases[:0], "mutated")
	all[0].Name = "mutated"
	if again := All(); again[0].Name == "mutated" || slices.Contains(again[0].Aliases, "mutated") {
		t.Errorf("All() returned the catalogue itself, want a copy")
	}
}

// vocabulary is the canonical vocabulary of the hand-checked gold files and
// of the synthetic corpus: every name must be a canonical name.
var vocabulary = []string{
	"Amazon API Gateway", "Amazon Athena", "Amazon Aurora", "Amazon CloudFront", "Amazon CloudWatch",
	"Amazon CodeGuru", "Amazon CodeWhisperer", "Amazon DevOps Guru", "Amazon DynamoDB",
	"Amazon DynamoDB Accelerator", "Amazon EBS", "Amazon EC2", "Amazon ECS", "Amazon EFS", "Amazon EKS",
	"Amazon EMR", "Amazon EventBridge", "Amazon FSx", "Amazon GuardDuty", "Amazon Kinesis", "Amazon MQ",
	"Amazon S3", "Amazon S3 Glacier", "Amazon SageMaker", "Amazon SNS", "Amazon SQS", "AWS CDK",
	"AWS Cloud9", "AWS CloudTrail", "AWS Config", "AWS Elemental MediaConnect", "AWS Glue", "AWS KMS",
	"AWS Lambda", "AWS Nitro System", "AWS Step Functions", "AWS Storage Gateway", "AWS Trusted Advisor",
	"AWS WAF", "AWS IAM", "Amazon Cognito", "AWS Amplify",
	// Official short names used by the synthetic corpus.
	"Amazon RDS", "AWS Fargate", "AWS CloudFormation", "Amazon Bedrock", "Amazon Kinesis Data Streams",
	"Amazon Redshift", "Amazon ElastiCache", "Amazon Route 53", "Amazon VPC", "Elastic Load Balancing",
	"Amazon ECR", "AWS Organizations", "AWS Control Tower", "AWS Secrets Manager", "AWS X-Ray",
	"AWS Systems Manager", "AWS Graviton", "Amazon OpenSearch Service", "Amazon MSK", "Amazon QuickSight",
	"Amazon Q", "AWS SAM", "AWS AppSync", "AWS CodePipeline", "AWS CodeBuild", "AWS CodeDeploy",
	"AWS Security Hub", "Amazon Inspector", "Amazon Macie", "AWS Shield", "AWS Transit Gateway",
	"AWS Direct Connect", "AWS PrivateLink", "AWS Cost Explorer", "AWS Budgets", "AWS Compute Optimizer",
	"AWS Well-Architected Tool", "AWS Backup", "AWS DataSync", "AWS Database Migration Service",
	"AWS Application Migration Service", "Amazon Data Firehose", "AWS Lake Formation", "Amazon Rekognition",
	"Amazon Transcribe", "Amazon Translate", "Amazon Comprehend", "Amazon Polly", "Amazon Lex",
	"Amazon Textract", "Amazon Personalize", "Amazon Kendra", "Amazon Neptune", "Amazon DocumentDB",
	"Amazon Keyspaces", "Amazon Timestream", "Amazon MemoryDB", "AWS Elastic Beanstalk", "Amazon Lightsail",
	"AWS Batch", "AWS Outposts", "AWS Local Zones", "AWS App Runner", "AWS App Mesh", "AWS Cloud Map",
	"AWS IAM Identity Center", "AWS Certificate Manager", "Amazon Detective", "AWS Global Accelerator",
	"AWS Snowball", "AWS Transfer Family", "AWS Migration Hub", "Amazon FSx for Lustre",
	"Amazon FSx for NetApp ONTAP", "AWS Proton", "Amazon Managed Service for Prometheus",
	"Amazon Managed Grafana", "AWS Distro for OpenTelemetry", "AWS Elemental MediaLive",
	"AWS Elemental MediaConvert", "Amazon IVS", "Amazon Chime", "Amazon Connect", "Amazon WorkSpaces",
	"Amazon AppStream 2.0", "AWS IoT Core", "AWS IoT Greengrass", "AWS IoT SiteWise",
	"Amazon Managed Workflows for Apache Airflow", "Amazon AppFlow", "AWS Glue DataBrew", "AWS Clean Rooms",
	"Amazon DataZone", "Amazon Verified Permissions", "AWS Resource Access Manager", "AWS Service Catalog",
	"AWS License Manager", "AWS Ground Station", "Amazon Braket", "AWS Nitro Enclaves",
	"Amazon EC2 Auto Scaling", "AWS Auto Scaling", "AWS Savings Plans", "AWS Marketplace", "AWS Artifact",
	"AWS Audit Manager", "AWS Firewall Manager", "AWS Network Firewall", "Amazon Simple Email Service",
	"Amazon Pinpoint", "AWS Health Dashboard", "AWS Fault Injection Service", "AWS Resilience Hub",
	"Lambda@Edge", "CloudFront Functions", "Amazon Location Service", "Amazon HealthLake",
	"AWS Entity Resolution", "Amazon CodeCatalyst", "AWS Device Farm", "Amazon GameLift",
	"AWS Elastic Disaster Recovery", "AWS CodeArtifact", "AWS Wavelength", "AWS CLI",
}

func TestVocabularyIsCanonical(t *testing.T) {
	for _, name := range vocabulary {
		t.Run(name, func(t *testing.T) {
			s, ok := Lookup(name)
			if !ok {
				t.Fatalf("Lookup(%q) found nothing", name)
			}
			if s.Name != name {
				t.Errorf("Lookup(%q).Name = %q, want the name itself", name, s.Name)
			}
		})
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"abbreviation", "s3", "Amazon S3"},
		{"long form", "Simple Storage Service", "Amazon S3"},
		{"long form with prefix", "Amazon Simple Storage Service", "Amazon S3"},
		{"foreign prefix", "aws sagemaker", "Amazon SageMaker"},
		{"hyphen", "Step-Functions", "AWS Step Functions"},
		{"glued", "stepfunctions", "AWS Step Functions"},
		{"split", "Cloud Front", "Amazon CloudFront"},
		{"ambiguous word", "glue", "AWS Glue"},
		{"strict word", "bedrock", "Amazon Bedrock"},
		{"single letter", "Q", "Amazon Q"},
		{"feature", "Glacier Instant Retrieval", "Amazon S3 Glacier"},
		{"plural", "Lambdas", "AWS Lambda"},
		{"accents and case", "ÉLASTIC MAP RÉDUCE", "Amazon EMR"},
		{"punctuation", "Lambda@Edge", "Lambda@Edge"},
		{"full prefix", "Amazon Web Services Lambda", "AWS Lambda"},
		{"load balancer", "ALB", "Elastic Load Balancing"},
		{"unknown", "Karpenter", ""},
		{"not a service", "Amazon Linux", ""},
		{"prefix alone", "AWS", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ok := Lookup(tt.in)
			if ok != (tt.want != "") || s.Name != tt.want {
				t.Errorf("Lookup(%q) = %q, %v; want %q", tt.in, s.Name, ok, tt.want)
			}
			if got := Canonical(tt.in); got != tt.want {
				t.Errorf("Canonical(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestLookupRoundTrip: every name and alias, bare or prefixed, in any case,
// resolves to its service.
func TestLookupRoundTrip(t *testing.T) {
	for _, s := range All() {
		for _, name := range append([]string{s.Name}, s.Aliases...) {
			for _, in := range []string{name, "AWS " + name, "Amazon " + name, strings.ToUpper(name), strings.ToLower(name)} {
				if got := Canonical(in); got != s.Name {
					t.Errorf("Canonical(%q) = %q, want %q", in, got, s.Name)
				}
			}
		}
	}
}

func TestAmbiguousServices(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"AWS Glue", true}, {"AWS Config", true}, {"Amazon Bedrock", true}, {"Amazon Q", true},
		{"Amazon MQ", true}, {"AWS Batch", true}, {"Amazon S3", false}, {"AWS Lambda", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ok := Lookup(tt.name)
			if !ok || s.Ambiguous != tt.want {
				t.Errorf("Lookup(%q) = %+v, %v; want Ambiguous %v", tt.name, s, ok, tt.want)
			}
		})
	}
}
