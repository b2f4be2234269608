package catalog

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/notes-kb/notes/internal/core"
)

// names returns the canonical names Find reports for text, in order.
func names(text string) []string {
	var out []string
	for _, m := range Find(text) {
		out = append(out, m.Name)
	}
	return out
}

func TestFind(t *testing.T) {
	const (
		s3      = "Amazon S3"
		lambda  = "AWS Lambda"
		sqs     = "Amazon SQS"
		sns     = "Amazon SNS"
		mq      = "Amazon MQ"
		ec2     = "Amazon EC2"
		glue    = "AWS Glue"
		emr     = "Amazon EMR"
		vpc     = "Amazon VPC"
		kms     = "AWS KMS"
		nitro   = "AWS Nitro System"
		glacier = "Amazon S3 Glacier"
	)
	tests := []struct {
		name string
		text string
		want []string
	}{
		// Whole words only.
		{"MQTT is not MQ", "Les capteurs publient en MQTT vers SQS.", []string{sqs}},
		{"RabbitMQ is not MQ", "RabbitMQ et SQS/SNS.", []string{sqs, sns}},
		{"ECS not inside ECSTATIC", "ECSTATIC SQS", []string{sqs}},
		{"word in a sentence", "une instance EC2 de plus", []string{ec2}},

		// Case and spelling.
		{"capitals in a list", "* *EMR* : Elastic Map Reduce, un Hadoop managé\n+\nimage:x.jpg[]\n\n* *GLUE* : Spark serverless", []string{emr, emr, glue}},
		{"misspelt Cloudfront", "Le CDN Cloudfront et WAF", []string{"Amazon CloudFront", "AWS WAF"}},
		{"lower case name", "tout cela vers s3 et cloudfront", []string{s3, "Amazon CloudFront"}},
		{"hyphenated", "Orchestration avec des *Step-Functions*", []string{"AWS Step Functions"}},
		{"API-Gateway", "derrière une API-Gateway", []string{"Amazon API Gateway"}},
		{"glued words", "StepFunctions et Route53", []string{"AWS Step Functions", "Amazon Route 53"}},
		{"split words", "Dynamo DB, Event Bridge, Code Guru, Code Whisperer", []string{"Amazon DynamoDB", "Amazon EventBridge", "Amazon CodeGuru", "Amazon CodeWhisperer"}},
		{"Sagemaker", "un notebook Sagemaker", []string{"Amazon SageMaker"}},
		{"line break inside a name", "derrière une API\nGateway", []string{"Amazon API Gateway"}},
		{"paragraph break splits a name", "derrière une API\n\nGateway", nil},
		{"accent folded", "Elastic Map Réduce", []string{emr}},
		{"decomposed accent", "Elastic Map Re\u0301duce", []string{emr}},
		{"accent outside Latin-1", "Elastic Map Rēduce", []string{emr}},
		{"unfoldable letter", "Elastic Map Reduceþ", nil},

		// Longest match first.
		{"EC2 Auto Scaling is one", "Amazon EC2 Auto Scaling", []string{"Amazon EC2 Auto Scaling"}},
		{"S3 Glacier is not S3", "Amazon S3 Glacier", []string{glacier}},
		{"DAX is not DynamoDB", "DynamoDB Accelerator (DAX)", []string{"Amazon DynamoDB Accelerator", "Amazon DynamoDB Accelerator"}},
		{"CloudFront Functions", "des CloudFront Functions", []string{"CloudFront Functions"}},
		{"Lambda@Edge", "du Lambda@Edge", []string{"Lambda@Edge"}},
		{"S3 Object Lambda is S3", "S3 Object Lambda", []string{s3}},
		{"Kinesis Data Streams", "Kinesis Data Streams et Kinesis", []string{"Amazon Kinesis Data Streams", "Amazon Kinesis"}},
		{"Lambda function URL is one", "Lambda function et Lambda function URL", []string{lambda, lambda}},

		// The prefix is optional.
		{"bare", "SageMaker", []string{"Amazon SageMaker"}},
		{"own prefix", "Amazon SageMaker", []string{"Amazon SageMaker"}},
		{"other prefix", "AWS SageMaker", []string{"Amazon SageMaker"}},
		{"prefix on a long form", "AWS Key Management Service", []string{kms}},

		// Ambiguous words.
		{"generic glue", "Il faut de la glue entre les services S3", []string{s3}},
		{"Glue alone", "Nous utilisons Glue pour nos traitements.", nil},
		{"Glue with prefix", "Nous utilisons AWS Glue pour nos traitements.", []string{glue}},
		{"Glue next to a service", "Nous utilisons S3 et Glue pour nos traitements.", []string{s3, glue}},
		{"list of services", "une file de messages (SQS/SNS/MQ)", []string{sqs, sns, mq}},
		{"MQ alone", "une file de messages MQ", nil},
		{"Config in a list", "comme : Config, Trusted Advisor, CloudWatch, …", []string{"AWS Config", "AWS Trusted Advisor", "Amazon CloudWatch"}},
		{"Config too far", "AWS Lambda" + strings.Repeat(" texte", 30) + "\nConfig, rien d'autre.", []string{lambda}},
		{"generic config", "la config du bucket S3", []string{s3}},
		{"Glue starts a sentence", "Les données sont dans S3. Glue permet de les transformer.", []string{s3}},
		{"list item in prose", "* Budgets par équipe, sur S3", []string{s3}},
		{"all-caps heading", "## BATCH PROCESSING ON EC2", []string{ec2}},
		{"list item name", "* Config : règles\n* CloudWatch : métriques", []string{"AWS Config", "Amazon CloudWatch"}},
		{"another company's product", "Ingrid Robin, Développeur Backend - SNCF Connect et S3", []string{s3}},
		{"Spring Batch", "Spring Batch sur EC2", []string{ec2}},
		{"Bedrock the company", "Chez Bedrock, nous stockons tout sur S3", []string{s3}},
		{"Bedrock Streaming", "Bedrock Streaming utilise Lambda", []string{lambda}},
		{"Amazon Bedrock", "un agent sur Amazon Bedrock", []string{"Amazon Bedrock"}},
		{"Q alone", "Q et S3", []string{s3}},
		{"Amazon Q", "Amazon Q et S3", []string{"Amazon Q", s3}},
		{"Q&A", "une session AWS Q&A sur S3", []string{s3}},
		{"Glacier next to S3", "vers s3 et Glacier", []string{s3, glacier}},
		{"ice glacier", "Nous avons vu un Glacier en Islande.", nil},

		// False friends.
		{"GCP VPC", "un GCP VPC partagé", nil},
		{"Google Cloud VPC", "le Google Cloud VPC de l'équipe", nil},
		{"VPC after GCP", "le VPC GCP de l'équipe", nil},
		{"Azure VNet", "un Azure VNet ou Azure VPC", nil},
		{"Amazon VPC", "un VPC AWS et ses subnets", []string{vpc}},
		{"Well-Architected Framework", "le Well-Architected Framework", nil},
		{"Well-Architected Tool", "le Well-Architected Tool", []string{"AWS Well-Architected Tool"}},
		{"not services", "Amazon Linux 2, ENA, Alexa, Echo, Kindle, Prime Video, Karpenter", nil},
		{"AWS events and programmes", "AWS Summit Paris, AWS re:Invent, AWS Hero, AWS Media & Entertainment, AWS Console", nil},
		{"AWS CLI", "avec la AWS CLI et la CLI", []string{"AWS CLI"}},
		{"utilisateur lambda", "un utilisateur lambda", nil},
		{"Terraform CDK", "Terraform CDK ou AWS CDK", []string{"AWS CDK"}},
		{"Google Translate", "Google Translate et S3", []string{s3}},
		{"Azure Batch", "Azure Batch et EC2", []string{ec2}},
		{"Azure product then AWS one", "Azure Functions face à Lambda et API Gateway", []string{lambda, "Amazon API Gateway"}},
		{"VPC on another cloud", "Sur GCP, un VPC par projet", nil},
		{"generic cloud front-end", "notre cloud front-end et S3", []string{s3}},
		{"prefix on the previous line", "Jane Doe - Solutions Architect, AWS\nBedrock Streaming et Lambda", []string{lambda}},
		{"lambda labs", "des GPU chez Lambda Labs", nil},

		// Code is not prose.
		{"s3 URL", "copiez dans s3://mon-bucket/data", nil},
		{"CLI command", "aws s3 sync ./build s3://mon-bucket --delete", nil},
		{"CLI in backquotes", "lancez `aws lambda invoke` puis", nil},
		{"CLI after a prompt", "$ aws cloudfront create-invalidation --paths '/*'", nil},
		{"lower-case prose", "on a migré vers aws lambda", []string{lambda}},
		{"IAM action", `"Action": ["s3:GetObject"]`, nil},
		{"ARN", "arn:aws:s3:::bucket", nil},
		{"URL", "https://aws.amazon.com/s3/", nil},
		{"Markdown link", "[Amazon S3](https://aws.amazon.com/s3/){:target=\"_blank\"}", []string{s3}},
		{"AsciiDoc link", "https://aws.amazon.com/fargate/[AWS Fargate] et", []string{"AWS Fargate"}},
		{"identifier", "lambda_handler et s3.amazonaws.com", nil},
		{"package name", "aws-lambda-go et cdk-eks-blueprints", nil},
		{"log group", "/aws/lambda/my-fn", nil},
		{"domain path", "docs.aws.amazon.com/codeguru/latest", nil},
		{"repository path", "voir github.com/aws/aws-cdk", nil},
		{"slash between names", "un backend Node.js/Lambda et EFS/FSx.", []string{lambda, "Amazon EFS", "Amazon FSx"}},
		{"emphasis", "_Lambda_ et **S3**", []string{lambda, s3}},
		{"French colon", "S3 : stockage objet", []string{s3}},
		{"quoted identifier", "boto3.client('s3') et \"lambda\"", nil},
		{"quoted name in prose", "le service « S3 » et \"Lambda\"", []string{s3, lambda}},
		{"e-mail address", "écrire à lambda@example.com", nil},
		{"CloudFormation type", "Type: AWS::Lambda::Function", nil},
		{"Terraform resource", `resource "aws_s3_bucket" "b" {}`, nil},

		// Acronyms in capitals only.
		{"French ses", "ses équipes et S3", []string{s3}},
		{"kilometres", "100 kms de câble", nil},
		{"KMS", "des clés KMS", []string{kms}},
		{"Sam the person", "Sam a présenté Lambda", []string{lambda}},
		{"AWS SAM", "avec AWS SAM", []string{"AWS SAM"}},
		{"SES next to SNS", "SES et SNS", []string{"Amazon Simple Email Service", sns}},

		// Feature names and long forms.
		{"Glacier Instant Retrieval", "Glacier Instant Retrieval", []string{glacier}},
		{"EKS Blueprints", "EKS Blueprints", []string{"Amazon EKS"}},
		{"AWS Nitro", "AWS Nitro et la carte Nitro", []string{nitro, nitro}},
		{"External Key Stores", "External Key Stores", []string{kms}},
		{"S3 IA", "en S3 IA puis S3 Standard-IA", []string{s3, s3}},
		{"Elemental MediaConnect", "via Elemental MediaConnect", []string{"AWS Elemental MediaConnect"}},
		{"Lambdas", "Les Lambdas et les lambdas", []string{lambda, lambda}},
		{"long forms", "Simple Storage Service, Elastic Compute Cloud, Elastic Container Service, Elastic Kubernetes Service",
			[]string{s3, ec2, "Amazon ECS", "Amazon EKS"}},
		{"more long forms", "Simple Queue Service, Simple Notification Service, Elastic MapReduce, Identity and Access Management, Cloud Development Kit",
			[]string{sqs, sns, emr, "AWS IAM", "AWS CDK"}},
		{"load balancers", "un ALB, un NLB et un Application Load Balancer", []string{"Elastic Load Balancing", "Elastic Load Balancing", "Elastic Load Balancing"}},
		{"generic load balancing", "Load Balancing chez AWS", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := names(tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestFindOffsets(t *testing.T) {
	text := "Nous utilisons Amazon S3 et des Lambdas."
	got := Find(text)
	want := []Mention{{Name: "Amazon S3", Start: 15, End: 24}, {Name: "AWS Lambda", Start: 32, End: 39}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Find(%q) = %+v, want %+v", text, got, want)
	}
	for _, m := range got {
		if s := text[m.Start:m.End]; s != "Amazon S3" && s != "Lambdas" {
			t.Errorf("mention %+v covers %q", m, s)
		}
	}
}

// TestEveryAliasIsFound writes every alias of the catalogue in a sentence,
// after a prefix and (when it may stand bare) without one, next to S3.
func TestEveryAliasIsFound(t *testing.T) {
	for _, s := range All() {
		for _, alias := range append([]string{s.Name}, s.Aliases...) {
			prefixed := "On utilise AWS " + alias + " en production."
			if alias == s.Name && alias != stripPrefix(alias) {
				prefixed = "On utilise " + alias + " en production."
			}
			if got, want := names(prefixed), []string{s.Name}; !reflect.DeepEqual(got, want) {
				t.Errorf("Find(%q) = %q, want %q", prefixed, got, want)
			}
			if bareStrict(s, alias) {
				continue
			}
			bare := "On utilise S3, " + alias + " en production."
			if got, want := names(bare), []string{"Amazon S3", s.Name}; !reflect.DeepEqual(got, want) {
				t.Errorf("Find(%q) = %q, want %q", bare, got, want)
			}
		}
	}
}

// bareStrict reports whether the alias of s is marked "!" (never bare).
func bareStrict(s Service, alias string) bool {
	for _, line := range strings.Split(servicesTxt, "\n") {
		cols := strings.Split(line, "|")
		if len(cols) != 3 {
			continue
		}
		name, markers := splitMarkers(strings.TrimSpace(cols[0]))
		if name != s.Name {
			continue
		}
		if alias == stripPrefix(name) || alias == name {
			return strings.Contains(markers, "!")
		}
		for _, a := range strings.Split(cols[2], ";") {
			for _, v := range expandPlural(strings.TrimSpace(a)) {
				if n, m := splitMarkers(v); n == alias {
					return strings.Contains(m, "!")
				}
			}
		}
	}
	return false
}

func TestCount(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []core.ServiceCount
	}{
		{"empty", "", nil},
		{"none", "Rien à voir ici.", nil},
		{"aliases folded, first mention order", "Lambda, puis S3, puis des Lambdas, AWS Lambda et Simple Storage Service.",
			[]core.ServiceCount{{Name: "AWS Lambda", Mentions: 3}, {Name: "Amazon S3", Mentions: 2}}},
		{"ambiguous confirmed", "SQS/SNS/MQ et MQ", []core.ServiceCount{{Name: "Amazon SQS", Mentions: 1}, {Name: "Amazon SNS", Mentions: 1}, {Name: "Amazon MQ", Mentions: 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Count(tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Count(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"", "S3", "Amazon S3 Glacier", "SQS/SNS/MQ", "aws s3 sync s3://b", "Lambda@Edge", "Amazon\nQ",
		"* *GLUE* : Spark", "é\u0301S3", "AWS", "API\n\nGateway", "\xff\xfeS3", "AppStream 2.0.", "Q&A",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, m := range Find(text) {
			if m.Start < prev || m.Start >= m.End || m.End > len(text) {
				t.Fatalf("Find(%q): mention %+v out of range or overlapping (previous end %d)", text, m, prev)
			}
			if Canonical(m.Name) != m.Name {
				t.Fatalf("Find(%q): %q is not a canonical name", text, m.Name)
			}
			prev = m.End
		}
	})
}

// benchText is ~50 KB of French prose with a few dozen service mentions:
// most paragraphs name no service, as in a real write-up.
func benchText() string {
	prose := []string{
		"L'équipe plateforme a présenté son retour d'expérience sur la migration de leurs traitements vers le cloud. Après plusieurs années passées à maintenir des serveurs physiques, ils ont choisi de tout déplacer, en commençant par les applications les moins critiques et en gardant une attention particulière aux coûts.",
		"Le speaker a insisté sur l'observabilité : des métriques métier, des traces distribuées et des alertes qui réveillent quelqu'un seulement quand un utilisateur est réellement touché. Le reste du temps, un tableau de bord suffit largement.",
		"En conclusion, la plateforme coûte moins cher qu'avant, les déploiements sont passés de un par mois à plusieurs par jour, et les incidents sont détectés en quelques minutes au lieu de quelques heures.",
		"La session s'est terminée par une démonstration en direct, qui a fonctionné du premier coup, ce qui a valu au présentateur une salve d'applaudissements. Les questions du public portaient surtout sur l'organisation des équipes et la gestion de la dette technique.",
		"Ce qu'il faut retenir : commencer petit, mesurer avant d'optimiser, et documenter les décisions d'architecture pour que les nouveaux arrivants comprennent pourquoi les choses sont comme elles sont.",
		"Nous avons ensuite rejoint la keynote, où plusieurs clients sont venus témoigner de leur transformation. Le ton était résolument tourné vers l'intelligence artificielle générative, avec beaucoup d'annonces et peu de détails techniques.",
	}
	withServices := []string{
		"Les données sont stockées dans des buckets S3 et les traitements tournent dans des Lambdas déclenchées par EventBridge. Une file SQS absorbe les pics de trafic.",
		"Côté conteneurs, les services historiques tournent sur Amazon EKS avec Karpenter, tandis que les nouveaux projets partent directement sur AWS Fargate.",
		"Pour la partie data, Athena interroge directement les fichiers Parquet, et Glue catalogue les partitions chaque nuit.",
		"Les secrets sont chiffrés avec KMS et les journaux partent dans CloudWatch.",
	}
	var b strings.Builder
	for i := 0; b.Len() < 50_000; i++ {
		fmt.Fprintf(&b, "## Partie %d\n\n%s\n\n", i, prose[i%len(prose)])
		if i%7 == 3 {
			fmt.Fprintf(&b, "%s\n\n", withServices[i/7%len(withServices)])
		}
	}
	return b.String()
}

func BenchmarkCount(b *testing.B) {
	text := benchText()
	mentions := len(Find(text))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ReportMetric(float64(mentions), "mentions")
	for b.Loop() {
		Count(text)
	}
}

func TestBenchTextHasMentions(t *testing.T) {
	text := benchText()
	got := Count(text)
	if len(text) < 50_000 || len(got) < 5 {
		t.Fatalf("benchText: %d bytes, services %v; want ~50 KB with several services", len(text), got)
	}
	if !slices.ContainsFunc(got, func(sc core.ServiceCount) bool { return sc.Name == "AWS Glue" }) {
		t.Errorf("Count(benchText) = %v, want AWS Glue confirmed by Athena", got)
	}
}
