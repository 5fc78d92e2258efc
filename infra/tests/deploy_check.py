#!/usr/bin/env python3
"""Lints infra/cloudformation.yaml, deploys it into a local moto server and checks what it made.

    python3 infra/tests/deploy_check.py --endpoint http://127.0.0.1:5000 [--stack-name NAME]
                                        [--suffix S] [--region R] [--http-only]

1. cfn-lint: any error-level finding fails the check (warnings are printed).
2. A VPC and two subnets are created in moto's EC2, an ACM certificate too (unless
   --http-only), then the template is deployed through moto's CloudFormation with every part on
   (storage, IAM, logs, load balancer, hosts, event engine) and names made unique by the
   suffix. moto has no ElastiCache Serverless: it is given the template with the event
   engine's endpoint replaced by fixed stand-ins (see template_for_moto); cfn-lint lints the
   real one.
3. The stack must reach CREATE_COMPLETE (its events are printed when it does not).
4. What the stack made is read back with boto3: the tables' keys and billing, the bucket's
   encryption, the role's policies (exactly the expected actions on exactly the expected
   resources), the log group, the security groups, the load balancer, its listeners and target
   group, the launch template (its user data), the Auto Scaling group and the event engine
   (its security group live, the serverless cache as the template declares it).

   Some properties are accepted by moto's CloudFormation but not applied (moto 5.2.1: S3
   versioning, public access block, lifecycle and ownership controls, the AWS::S3::BucketPolicy
   resource, DynamoDB point-in-time recovery and SSE, load balancer and target group
   attributes). For those the check first reads the live value; when moto did not apply it, it
   checks the value the template declares instead (with every Ref, Sub, GetAtt and If resolved
   against this deployment) and says so on stderr, e.g. "declared (moto did not apply it)".

5. On success, one JSON object on stdout: the stack's outputs (SessionsTableName,
   FilesTableName, BucketName, RoleArn, Endpoint, ...) plus StackName and Region; exit 0.
   On failure, the reasons on stderr; exit 1.

Progress goes to stderr. Nothing is deleted afterwards: the resources stay in moto for tests
that run codebox's AWS backend against them.
"""

from __future__ import annotations

import argparse
import ast
import base64
import json
import re
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[2]
TEMPLATE_REL = Path("infra") / "cloudformation.yaml"
TEMPLATE = REPO / TEMPLATE_REL

POLICY_NAMES = {"codebox-spec-storage", "codebox-runtime-extras", "codebox-host"}
# Resource types moto's CloudFormation skips (it logs "No Moto CloudFormation support").
MOTO_UNSUPPORTED_TYPES = {"AWS::S3::BucketPolicy", "AWS::ElastiCache::ServerlessCache"}
# Fixed values moto is given instead of the attributes of resources it does not create (see
# template_for_moto); the check expects them wherever the template uses those attributes.
MOTO_STAND_INS = {
    ("EventEngine", "Endpoint.Address"): "events.codebox-check.invalid",
    ("EventEngine", "Endpoint.Port"): "6379",
}


class CheckFailed(Exception):
    """A failure that stops the check."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- the template


def load_template(text: str | None = None) -> dict[str, Any]:
    """The template (or the template text given) as plain data, short tags (!Ref, !Sub, ...)
    in their long form."""
    import yaml

    class CfnLoader(yaml.SafeLoader):
        pass

    def tag(loader: yaml.Loader, suffix: str, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            value: Any = loader.construct_scalar(node)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        if suffix == "Ref":
            return {"Ref": value}
        if suffix == "Condition":
            return {"Condition": value}
        if suffix == "GetAtt" and isinstance(value, str):
            value = value.split(".", 1)
        return {f"Fn::{suffix}": value}

    CfnLoader.add_multi_constructor("!", tag)
    text = TEMPLATE.read_text() if text is None else text
    return yaml.load(text, Loader=CfnLoader)  # noqa: S506 (a SafeLoader)


def template_for_moto(text: str) -> str:
    """The template text given to moto's CloudFormation: the real one, except that every use of
    an attribute of a resource moto does not create is replaced by its fixed stand-in
    (MOTO_STAND_INS), e.g. ${EventEngine.Endpoint.Address} by events.codebox-check.invalid.

    Why: moto (5.2.1) has no AWS::ElastiCache::ServerlessCache. It skips the resource itself
    (verify_resources_created notes it), but refuses the whole template when anything reads its
    attributes: "Template error: instance of Fn::GetAtt references undefined resource
    EventEngine", also for ${EventEngine.Endpoint.Address} inside a Fn::Sub. The resource stays
    declared; cfn-lint lints the real, unmodified template; the user data is checked for the
    same stand-ins, and the resource's properties as the real template declares them.
    """
    for (logical_id, attribute), value in MOTO_STAND_INS.items():
        name = re.escape(f"{logical_id}.{attribute}")
        text = re.sub(r"\$\{" + name + r"\}", lambda _m: value, text)  # in a !Sub string
        text = re.sub(r"!GetAtt\s+" + name + r"(?![\w.])", lambda _m: json.dumps(value), text)
    template = load_template(text)
    unsupported = {
        logical_id
        for logical_id, resource in template["Resources"].items()
        if resource.get("Type") in MOTO_UNSUPPORTED_TYPES
    }
    left = sorted(set(references(template, unsupported)))
    if left:
        raise CheckFailed(
            f"the template uses {left}, which moto does not create and the check has no "
            "stand-in for (MOTO_STAND_INS)"
        )
    return text


def references(value: Any, logical_ids: set[str]) -> list[str]:
    """Every Ref, Fn::GetAtt and ${...} of a Fn::Sub in value that names one of logical_ids."""
    found: list[str] = []
    if isinstance(value, list):
        for item in value:
            found += references(item, logical_ids)
    elif isinstance(value, dict):
        for key, args in value.items():
            if key == "Ref" and args in logical_ids:
                found.append(args)
            elif key == "Fn::GetAtt" and isinstance(args, list) and args and args[0] in logical_ids:
                found.append(".".join(str(a) for a in args))
            elif key == "Fn::Sub":
                text = args if isinstance(args, str) else args[0]
                for name in re.findall(r"\$\{([^!}][^}]*)\}", text):
                    if name.split(".", 1)[0] in logical_ids:
                        found.append(name)
            found += references(args, logical_ids)
    return found


NO_VALUE = object()


class Resolver:
    """Evaluates the template's intrinsic functions for one deployment."""

    def __init__(
        self,
        template: dict[str, Any],
        parameters: dict[str, str],
        pseudo: dict[str, str],
        physical: dict[str, str],
        attributes: Callable[[str, str], str],
    ) -> None:
        self.template = template
        self.parameters = parameters
        self.pseudo = pseudo
        self.physical = physical
        self.attributes = attributes
        self._conditions: dict[str, bool] = {}

    def condition(self, name: str) -> bool:
        if name not in self._conditions:
            self._conditions[name] = self._evaluate(self.template["Conditions"][name])
        return self._conditions[name]

    def _evaluate(self, expression: Any) -> bool:
        if isinstance(expression, bool):
            return expression
        (key, args), = expression.items()
        if key == "Condition":
            return self.condition(args)
        if key == "Fn::Equals":
            left, right = (self.resolve(a) for a in args)
            return str(left).lower() == str(right).lower()
        if key == "Fn::Not":
            return not self._evaluate(args[0])
        if key == "Fn::And":
            return all(self._evaluate(a) for a in args)
        if key == "Fn::Or":
            return any(self._evaluate(a) for a in args)
        raise CheckFailed(f"cannot evaluate the condition {expression!r}")

    def ref(self, name: str) -> Any:
        if name == "AWS::NoValue":
            return NO_VALUE
        if name in self.pseudo:
            return self.pseudo[name]
        if name in self.parameters:
            return self.parameters[name]
        if name in self.physical:
            return self.physical[name]
        raise CheckFailed(f"the template refers to {name}, which this deployment lacks")

    def resolve(self, value: Any) -> Any:
        if isinstance(value, list):
            items = [self.resolve(v) for v in value]
            return [v for v in items if v is not NO_VALUE]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            (key, args), = value.items()
            if key == "Ref":
                return self.ref(args)
            if key == "Fn::GetAtt":
                return self.attributes(args[0], args[1])
            if key == "Fn::If":
                name, yes, no = args
                return self.resolve(yes if self.condition(name) else no)
            if key == "Fn::Sub":
                return self._sub(args)
            if key == "Fn::Join":
                separator, items = args
                return separator.join(str(v) for v in self.resolve(items))
            if key == "Fn::Base64":
                return base64.b64encode(str(self.resolve(args)).encode()).decode()
        resolved = {k: self.resolve(v) for k, v in value.items()}
        return {k: v for k, v in resolved.items() if v is not NO_VALUE}

    def _sub(self, args: Any) -> str:
        text, variables = (args, {}) if isinstance(args, str) else (args[0], args[1])

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name.startswith("!"):
                return "${" + name[1:] + "}"
            if name in variables:
                return str(self.resolve(variables[name]))
            if "." in name and not name.startswith("AWS::"):
                resource, attribute = name.split(".", 1)
                return str(self.attributes(resource, attribute))
            value = self.ref(name)
            return ",".join(value) if isinstance(value, list) else str(value)

        return re.sub(r"\$\{([^}]+)\}", replace, text)

    def properties(self, logical_id: str) -> dict[str, Any]:
        return self.resolve(self.template["Resources"][logical_id].get("Properties", {}))

    def created(self, logical_id: str) -> bool:
        condition = self.template["Resources"][logical_id].get("Condition")
        return condition is None or self.condition(condition)


# ---------------------------------------------------------------- the check


class Check:
    def __init__(self, args: argparse.Namespace) -> None:
        import boto3
        from botocore.config import Config

        self.args = args
        self.region = args.region
        self.failures: list[str] = []
        config = Config(
            connect_timeout=5, read_timeout=60, retries={"max_attempts": 3, "mode": "standard"}
        )
        session = boto3.session.Session(
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            region_name=self.region,
        )
        self.client = lambda service: session.client(
            service, endpoint_url=args.endpoint, config=config
        )

    # ---- reporting

    def ok(self, what: str) -> None:
        log(f"  ok: {what}")

    def fail(self, what: str) -> None:
        log(f"  FAILED: {what}")
        self.failures.append(what)

    def expect(self, condition: bool, what: str, detail: str = "") -> bool:
        if condition:
            self.ok(what)
        else:
            self.fail(f"{what}{': ' + detail if detail else ''}")
        return condition

    def live_or_declared(
        self, what: str, live: Callable[[], Any], declared: Callable[[], Any], good: Callable[[Any], bool]
    ) -> None:
        """Checks the live value; when moto did not apply it, the value the template declares."""
        try:
            value = live()
        except Exception as e:  # moto answers "no such configuration" as an error
            value = f"<{type(e).__name__}: {str(e)[:120]}>"
        if good(value):
            self.ok(f"{what} (live)")
            return
        declared_value = declared()
        self.expect(
            good(declared_value),
            f"{what} (declared in the template; moto did not apply it, it reports {value!r})",
            f"the template declares {declared_value!r}",
        )

    # ---- 1. lint

    def lint(self) -> None:
        log(f"cfn-lint {TEMPLATE_REL}")
        try:
            import cfnlint  # noqa: F401
        except ImportError:
            raise CheckFailed(
                "cfn-lint is not installed: python3 -m pip install cfn-lint "
                "(moto[cloudformation] brings it)"
            ) from None
        # cfn-lint 1.x has no `python3 -m cfnlint`; its console script is cfnlint.runner:main.
        command = [
            sys.executable,
            "-c",
            "import sys; from cfnlint.runner import main; sys.exit(main())",
            "--format",
            "json",
            "--",
            str(TEMPLATE_REL),
        ]
        result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
        try:
            matches = json.loads(result.stdout or "[]")
        except json.JSONDecodeError:
            raise CheckFailed(
                f"cfn-lint failed (exit {result.returncode}): {result.stderr or result.stdout}"
            ) from None
        errors = 0
        for match in matches:
            level = match.get("Level", "Error")
            line = match.get("Location", {}).get("Start", {}).get("LineNumber", "?")
            rule = match.get("Rule", {}).get("Id", "?")
            log(f"  {level} {rule} line {line}: {match.get('Message')}")
            errors += level == "Error"
        if errors:
            raise CheckFailed(f"cfn-lint reported {errors} error(s) in {TEMPLATE_REL}")
        if result.returncode not in (0, 4, 8, 12):
            raise CheckFailed(f"cfn-lint exited {result.returncode}: {result.stderr}")
        self.ok(f"cfn-lint: no errors ({len(matches)} warning(s) or note(s))")

    # ---- 2. and 3. deploy

    def network(self) -> tuple[str, list[str]]:
        ec2 = self.client("ec2")
        vpc = ec2.create_vpc(CidrBlock="10.42.0.0/16")["Vpc"]["VpcId"]
        subnets = [
            ec2.create_subnet(
                VpcId=vpc, CidrBlock=f"10.42.{i}.0/24", AvailabilityZone=f"{self.region}{zone}"
            )["Subnet"]["SubnetId"]
            for i, zone in enumerate("ab", start=1)
        ]
        return vpc, subnets

    def deploy(self) -> None:
        args = self.args
        suffix = args.suffix
        self.stack = args.stack_name or f"codebox-check-{suffix}"
        self.vpc, self.subnets = self.network()
        self.certificate = ""
        if not args.http_only:
            self.certificate = self.client("acm").request_certificate(
                DomainName=f"codebox-{suffix}.example.com"
            )["CertificateArn"]
        self.parameters = {
            "SessionsTableName": f"interview-sessions-{suffix}",
            "FilesTableName": f"session-files-{suffix}",
            "BucketName": f"voice-interview-platform-storage-{suffix}",
            "DeletionProtection": "false",
            "OutputsRetentionDays": "91",
            "AudioRetentionDays": "31",
            "NoncurrentVersionRetentionDays": "29",
            "DeployCompute": "true",
            "VpcId": self.vpc,
            "SubnetIds": ",".join(self.subnets),
            "CertificateArn": self.certificate,
            "CodeboxBinaryUrl": f"https://downloads.example.com/codebox-{suffix}",
            "CodeboxBinarySha256": "0" * 64,
            "ApiKeysParameterName": f"/codebox-check/{suffix}/api-keys",
            "TokenSecretParameterName": f"/codebox-check/{suffix}/token-secret",
            "MaxExecutionTime": "20",
            "MaxFileSize": "524288",
            "SupportedLanguages": "python,javascript",
            "LogRetentionDays": "14",
            "MinSize": "1",
            "MaxSize": "3",
            "DesiredCapacity": "2",
        }
        log(f"deploying stack {self.stack} into {args.endpoint} ({self.region})")
        cfn = self.client("cloudformation")
        body = template_for_moto(TEMPLATE.read_text())
        try:
            cfn.create_stack(
                StackName=self.stack,
                TemplateBody=body,
                Parameters=[
                    {"ParameterKey": k, "ParameterValue": v} for k, v in self.parameters.items()
                ],
                Capabilities=["CAPABILITY_IAM"],
            )
        except Exception as e:
            raise CheckFailed(f"CreateStack {self.stack}: {e}") from None
        deadline = time.monotonic() + args.timeout
        while True:
            stack = cfn.describe_stacks(StackName=self.stack)["Stacks"][0]
            status = stack["StackStatus"]
            if not status.endswith("_IN_PROGRESS"):
                break
            if time.monotonic() > deadline:
                self.print_events()
                raise CheckFailed(f"stack {self.stack} still {status} after {args.timeout} s")
            time.sleep(1)
        if status != "CREATE_COMPLETE":
            self.print_events()
            raise CheckFailed(
                f"stack {self.stack} ended {status}: {stack.get('StackStatusReason', '')}"
            )
        self.ok(f"stack {self.stack}: CREATE_COMPLETE")
        self.outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
        resources = cfn.describe_stack_resources(StackName=self.stack)["StackResources"]
        self.physical = {
            r["LogicalResourceId"]: r.get("PhysicalResourceId", "")
            for r in resources
            if "LogicalResourceId" in r
        }

    def print_events(self) -> None:
        log(f"events of stack {self.stack}:")
        try:
            events = self.client("cloudformation").describe_stack_events(StackName=self.stack)
        except Exception as e:
            log(f"  (cannot read them: {e})")
            return
        for event in reversed(events["StackEvents"]):
            log(
                "  {} {} {} {}".format(
                    event.get("LogicalResourceId", "?"),
                    event.get("ResourceType", "?"),
                    event.get("ResourceStatus", "?"),
                    event.get("ResourceStatusReason", ""),
                )
            )

    # ---- 4. verify

    def verify(self) -> None:
        sts = self.client("sts")
        self.account = sts.get_caller_identity()["Account"]
        self.template = load_template()
        p = self.parameters
        self.bucket = p["BucketName"]
        self.bucket_arn = f"arn:aws:s3:::{self.bucket}"
        self.table_arn = {
            name: f"arn:aws:dynamodb:{self.region}:{self.account}:table/{p[name]}"
            for name in ("SessionsTableName", "FilesTableName")
        }
        self.resolver = Resolver(
            self.template,
            self.all_parameters(),
            {
                "AWS::Region": self.region,
                "AWS::AccountId": self.account,
                "AWS::Partition": "aws",
                "AWS::StackName": self.stack,
                "AWS::URLSuffix": "amazonaws.com",
            },
            self.physical,
            self.attribute,
        )
        self.verify_resources_created()
        self.verify_outputs()
        self.verify_tables()
        self.verify_bucket()
        self.verify_log_group()
        self.verify_role()
        self.verify_network()
        self.verify_event_engine()
        self.verify_load_balancer()
        self.verify_hosts()

    def all_parameters(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, spec in self.template["Parameters"].items():
            value = self.parameters.get(name, spec.get("Default"))
            if spec["Type"].startswith("AWS::SSM::Parameter::Value<"):
                value = self.client("ssm").get_parameter(Name=value)["Parameter"]["Value"]
            elif spec["Type"].startswith("List<") or spec["Type"] == "CommaDelimitedList":
                value = value.split(",")
            values[name] = value if value is not None else ""
        return values

    def attribute(self, logical_id: str, name: str) -> str:
        table_names = {"SessionsTable": "SessionsTableName", "FilesTable": "FilesTableName"}
        if logical_id == "Bucket" and name == "Arn":
            return self.bucket_arn
        if logical_id in table_names and name == "Arn":
            return self.table_arn[table_names[logical_id]]
        if logical_id == "LogGroup" and name == "Arn":
            return f"{self.log_group_arn()}:*"
        if (logical_id, name) in MOTO_STAND_INS:
            return MOTO_STAND_INS[(logical_id, name)]
        if name == "GroupId" and logical_id in self.physical:
            return self.physical[logical_id]
        outputs = {
            ("InstanceRole", "Arn"): "RoleArn",
            ("InstanceProfile", "Arn"): "InstanceProfileArn",
            ("LoadBalancer", "DNSName"): "LoadBalancerDNSName",
        }
        if (logical_id, name) in outputs:
            return self.outputs[outputs[(logical_id, name)]]
        raise CheckFailed(f"the check does not know {logical_id}.{name}")

    def log_group_arn(self) -> str:
        return (
            f"arn:aws:logs:{self.region}:{self.account}:log-group:/codebox/{self.stack}"
        )

    def verify_resources_created(self) -> None:
        log("resources")
        for logical_id, resource in self.template["Resources"].items():
            if not self.resolver.created(logical_id):
                continue
            if logical_id in self.physical:
                continue
            if resource["Type"] in MOTO_UNSUPPORTED_TYPES:
                log(f"  note: {logical_id} ({resource['Type']}) is not created by moto (unsupported)")
                continue
            self.fail(f"{logical_id} ({resource['Type']}) was not created")
        self.ok(f"{len(self.physical)} resources created")

    def verify_outputs(self) -> None:
        log("outputs")
        p = self.parameters
        expected = {
            "SessionsTableName": p["SessionsTableName"],
            "FilesTableName": p["FilesTableName"],
            "BucketName": p["BucketName"],
            "LogGroupName": f"/codebox/{self.stack}",
        }
        for key, value in expected.items():
            self.expect(self.outputs.get(key) == value, f"output {key} = {value}", repr(self.outputs.get(key)))
        for key in ("RoleArn", "InstanceProfileArn", "Endpoint", "LoadBalancerDNSName", "AutoScalingGroupName"):
            self.expect(bool(self.outputs.get(key)), f"output {key} present")
        scheme = "http://" if self.args.http_only else "https://"
        self.expect(
            self.outputs.get("Endpoint", "") == scheme + self.outputs.get("LoadBalancerDNSName", "-"),
            f"output Endpoint is {scheme}<load balancer DNS name>",
            repr(self.outputs.get("Endpoint")),
        )

    def verify_tables(self) -> None:
        ddb = self.client("dynamodb")
        protected = self.parameters["DeletionProtection"] == "true"
        for logical_id, name_key, sort_key in (
            ("SessionsTable", "SessionsTableName", "type"),
            ("FilesTable", "FilesTableName", "filePath"),
        ):
            name = self.parameters[name_key]
            log(f"DynamoDB table {name}")
            table = ddb.describe_table(TableName=name)["Table"]
            self.expect(
                table["KeySchema"]
                == [
                    {"AttributeName": "sessionId", "KeyType": "HASH"},
                    {"AttributeName": sort_key, "KeyType": "RANGE"},
                ],
                f"key schema sessionId (HASH), {sort_key} (RANGE)",
                repr(table["KeySchema"]),
            )
            attributes = sorted(
                (a["AttributeName"], a["AttributeType"]) for a in table["AttributeDefinitions"]
            )
            self.expect(
                attributes == sorted([("sessionId", "S"), (sort_key, "S")]),
                "key attributes are strings (S)",
                repr(attributes),
            )
            self.expect(
                table.get("BillingModeSummary", {}).get("BillingMode") == "PAY_PER_REQUEST",
                "billing mode PAY_PER_REQUEST",
                repr(table.get("BillingModeSummary")),
            )
            self.expect(table.get("TableArn") == self.table_arn[name_key], "table ARN", table.get("TableArn"))
            self.expect(
                table.get("DeletionProtectionEnabled") is protected,
                f"deletion protection {protected} (parameter DeletionProtection)",
                repr(table.get("DeletionProtectionEnabled")),
            )
            props = lambda lid=logical_id: self.resolver.properties(lid)  # noqa: E731
            self.live_or_declared(
                "server-side encryption enabled",
                lambda: ddb.describe_table(TableName=name)["Table"].get("SSEDescription"),
                lambda: props().get("SSESpecification"),
                lambda v: isinstance(v, dict)
                and (v.get("Status") in ("ENABLED", "ENABLING") or v.get("SSEEnabled") is True),
            )
            self.live_or_declared(
                "point-in-time recovery enabled",
                lambda: ddb.describe_continuous_backups(TableName=name)[
                    "ContinuousBackupsDescription"
                ].get("PointInTimeRecoveryDescription"),
                lambda: props().get("PointInTimeRecoverySpecification"),
                lambda v: isinstance(v, dict)
                and (
                    v.get("PointInTimeRecoveryStatus") == "ENABLED"
                    or v.get("PointInTimeRecoveryEnabled") is True
                ),
            )

    def verify_bucket(self) -> None:
        s3 = self.client("s3")
        bucket = self.bucket
        log(f"S3 bucket {bucket}")
        s3.head_bucket(Bucket=bucket)
        self.ok("exists")
        props = lambda: self.resolver.properties("Bucket")  # noqa: E731
        rules = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
        self.expect(
            [r["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] for r in rules] == ["AES256"],
            "default encryption SSE-S3 (AES256) (live)",
            repr(rules),
        )
        self.live_or_declared(
            "versioning enabled",
            lambda: s3.get_bucket_versioning(Bucket=bucket).get("Status"),
            lambda: props().get("VersioningConfiguration", {}).get("Status"),
            lambda v: v == "Enabled",
        )
        all_blocked = {
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        }
        self.live_or_declared(
            "public access block: all four settings on",
            lambda: s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"],
            lambda: props().get("PublicAccessBlockConfiguration"),
            lambda v: v == all_blocked,
        )
        self.live_or_declared(
            "object ownership BucketOwnerEnforced (ACLs disabled)",
            lambda: s3.get_bucket_ownership_controls(Bucket=bucket)["OwnershipControls"]["Rules"],
            lambda: props().get("OwnershipControls", {}).get("Rules"),
            lambda v: v == [{"ObjectOwnership": "BucketOwnerEnforced"}],
        )

        def declared_policy() -> Any:
            policy = self.resolver.properties("BucketPolicy")
            if policy.get("Bucket") != bucket:
                return f"<a policy of bucket {policy.get('Bucket')!r}>"
            return policy.get("PolicyDocument")

        self.live_or_declared(
            "bucket policy: deny every request without TLS (aws:SecureTransport false)",
            lambda: json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"]),
            declared_policy,
            self.is_tls_only_policy,
        )
        p = self.parameters
        self.live_or_declared(
            "lifecycle rules: noncurrent versions under interview-sessions/, outputs and audio retention",
            lambda: s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"],
            lambda: props().get("LifecycleConfiguration", {}).get("Rules"),
            lambda v: self.is_expected_lifecycle(
                v,
                int(p["NoncurrentVersionRetentionDays"]),
                int(p["OutputsRetentionDays"]),
                int(p["AudioRetentionDays"]),
            ),
        )

    def is_tls_only_policy(self, document: Any) -> bool:
        if not isinstance(document, dict):
            return False
        for statement in document.get("Statement", []):
            actions = statement.get("Action")
            resources = statement.get("Resource")
            if (
                statement.get("Effect") == "Deny"
                and statement.get("Principal") in ("*", {"AWS": "*"})
                and (actions if isinstance(actions, list) else [actions]) == ["s3:*"]
                and sorted(resources if isinstance(resources, list) else [resources])
                == sorted([self.bucket_arn, f"{self.bucket_arn}/*"])
                and statement.get("Condition")
                in ({"Bool": {"aws:SecureTransport": "false"}}, {"Bool": {"aws:SecureTransport": False}})
            ):
                return True
        return False

    @staticmethod
    def is_expected_lifecycle(rules: Any, noncurrent: int, outputs: int, audio: int) -> bool:
        """The three rules, in the template's form (CloudFormation) or the API's (S3)."""
        if not isinstance(rules, list) or len(rules) != 3:
            return False
        by_id = {r.get("Id", r.get("ID")): r for r in rules}
        if set(by_id) != {"interview-sessions-noncurrent-versions", "outputs-retention", "audio-retention"}:
            return False
        if any(r.get("Status") != "Enabled" for r in rules):
            return False

        def prefix(rule: dict[str, Any]) -> Any:
            return rule.get("Prefix", rule.get("Filter", {}).get("Prefix"))

        def tags(rule: dict[str, Any]) -> Any:
            if "TagFilters" in rule:
                return rule["TagFilters"]
            tag = rule.get("Filter", {}).get("Tag")
            return [tag] if tag else None

        def expiration_days(rule: dict[str, Any]) -> Any:
            return int(rule.get("ExpirationInDays", rule.get("Expiration", {}).get("Days", -1)))

        versions = by_id["interview-sessions-noncurrent-versions"]
        noncurrent_days = versions.get("NoncurrentVersionExpiration", {}).get(
            "NoncurrentDays", versions.get("NoncurrentVersionExpirationInDays", -1)
        )
        delete_markers = versions.get(
            "ExpiredObjectDeleteMarker",
            versions.get("Expiration", {}).get("ExpiredObjectDeleteMarker"),
        )
        return (
            prefix(versions) == "interview-sessions/"
            and int(noncurrent_days) == noncurrent
            and delete_markers is True
            and tags(by_id["outputs-retention"]) == [{"Key": "codebox-kind", "Value": "outputs"}]
            and expiration_days(by_id["outputs-retention"]) == outputs
            and tags(by_id["audio-retention"]) == [{"Key": "codebox-kind", "Value": "audio"}]
            and expiration_days(by_id["audio-retention"]) == audio
        )

    def verify_log_group(self) -> None:
        name = f"/codebox/{self.stack}"
        log(f"log group {name}")
        groups = self.client("logs").describe_log_groups(logGroupNamePrefix=name)["logGroups"]
        group = next((g for g in groups if g["logGroupName"] == name), None)
        if not self.expect(group is not None, "exists"):
            return
        self.expect(
            group.get("retentionInDays") == int(self.parameters["LogRetentionDays"]),
            f"retention {self.parameters['LogRetentionDays']} days",
            repr(group.get("retentionInDays")),
        )

    @staticmethod
    def policy_document(document: Any) -> dict[str, Any]:
        """A policy document as the API returns it: a dict, URL-encoded JSON, or (moto's
        CloudFormation stores inline role policies this way) a Python literal."""
        if isinstance(document, dict):
            return document
        text = urllib.parse.unquote(document)
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            return ast.literal_eval(text)

    @staticmethod
    def statements(document: dict[str, Any]) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        """(Effect, actions, resources) per statement; anything else in a statement fails."""
        result = []
        statements = document.get("Statement", [])
        for statement in statements if isinstance(statements, list) else [statements]:
            extra = set(statement) - {"Sid", "Effect", "Action", "Resource"}
            if extra:
                raise CheckFailed(f"a statement has unexpected keys {sorted(extra)}: {statement}")
            actions = statement["Action"]
            resources = statement["Resource"]
            result.append(
                (
                    statement["Effect"],
                    tuple(sorted(actions if isinstance(actions, list) else [actions])),
                    tuple(sorted(resources if isinstance(resources, list) else [resources])),
                )
            )
        return sorted(result)

    def verify_role(self) -> None:
        iam = self.client("iam")
        role_arn = self.outputs.get("RoleArn", "")
        role_name = role_arn.rsplit("/", 1)[-1]
        log(f"IAM role {role_name}")
        role = iam.get_role(RoleName=role_name)["Role"]
        self.expect(role["Arn"] == role_arn, "exists with the output's ARN")
        trust = self.statements_with_principal(self.policy_document(role["AssumeRolePolicyDocument"]))
        self.expect(
            trust == [("Allow", "ec2.amazonaws.com", "sts:AssumeRole")],
            "trust policy: only EC2 may assume it",
            repr(trust),
        )
        attached = iam.list_attached_role_policies(RoleName=role_name)["AttachedPolicies"]
        self.expect(attached == [], "no managed policies attached", repr(attached))
        names = set(iam.list_role_policies(RoleName=role_name)["PolicyNames"])
        self.expect(names == POLICY_NAMES, f"inline policies exactly {sorted(POLICY_NAMES)}", repr(sorted(names)))

        sessions_arn = self.table_arn["SessionsTableName"]
        files_arn = self.table_arn["FilesTableName"]
        log_group = self.log_group_arn()
        api_keys = self.parameters["ApiKeysParameterName"]
        token_secret = self.parameters["TokenSecretParameterName"]
        def f(items: set[str]) -> tuple[str, ...]:
            return tuple(sorted(items))

        expected = {
            # The spec's section 5, with this bucket and these tables.
            "codebox-spec-storage": [
                ("Allow", f({"s3:GetObject", "s3:PutObject", "s3:DeleteObject"}), f({f"{self.bucket_arn}/*"})),
                (
                    "Allow",
                    f({
                        "dynamodb:GetItem",
                        "dynamodb:PutItem",
                        "dynamodb:UpdateItem",
                        "dynamodb:DeleteItem",
                        "dynamodb:Query",
                        "dynamodb:Scan",
                    }),
                    f({sessions_arn, files_arn}),
                ),
            ],
            "codebox-runtime-extras": [
                ("Allow", f({"s3:ListBucket"}), f({self.bucket_arn})),
                ("Allow", f({"s3:PutObjectTagging"}), f({f"{self.bucket_arn}/*"})),
                ("Allow", f({"dynamodb:DescribeTable", "dynamodb:BatchGetItem"}), f({sessions_arn})),
            ],
            "codebox-host": [
                (
                    "Allow",
                    f({"logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"}),
                    f({log_group, f"{log_group}:*"}),
                ),
                (
                    "Allow",
                    f({"ssm:GetParameter"}),
                    f({
                        f"arn:aws:ssm:{self.region}:{self.account}:parameter{api_keys}",
                        f"arn:aws:ssm:{self.region}:{self.account}:parameter{token_secret}",
                    }),
                ),
            ],
        }
        for name, statements in expected.items():
            if name not in names:
                continue
            document = self.policy_document(
                iam.get_role_policy(RoleName=role_name, PolicyName=name)["PolicyDocument"]
            )
            try:
                actual = self.statements(document)
            except CheckFailed as e:
                self.fail(f"policy {name}: {e}")
                continue
            self.expect(
                actual == sorted(statements),
                f"policy {name}: exactly the expected actions on exactly the expected resources",
                f"got {actual}",
            )
        profiles = iam.list_instance_profiles_for_role(RoleName=role_name)["InstanceProfiles"]
        self.expect(
            [p["Arn"] for p in profiles] == [self.outputs.get("InstanceProfileArn")],
            "in exactly one instance profile (the output's)",
            repr([p["Arn"] for p in profiles]),
        )

    @staticmethod
    def statements_with_principal(document: dict[str, Any]) -> list[tuple[str, str, str]]:
        result = []
        for statement in document.get("Statement", []):
            service = statement.get("Principal", {}).get("Service")
            action = statement.get("Action")
            result.append(
                (
                    statement.get("Effect"),
                    service[0] if isinstance(service, list) and len(service) == 1 else service,
                    action[0] if isinstance(action, list) and len(action) == 1 else action,
                )
            )
        return result

    def verify_network(self) -> None:
        ec2 = self.client("ec2")
        alb_sg = self.physical["LoadBalancerSecurityGroup"]
        hosts_sg = self.physical["InstanceSecurityGroup"]
        events_sg = self.physical["EventsSecurityGroup"]
        log(f"security groups {alb_sg} (load balancer), {hosts_sg} (hosts), {events_sg} (event engine)")
        groups = {
            g["GroupId"]: g
            for g in ec2.describe_security_groups(GroupIds=[alb_sg, hosts_sg, events_sg])[
                "SecurityGroups"
            ]
        }

        def rules(group_id: str) -> list[tuple[Any, ...]]:
            out = []
            for perm in groups[group_id]["IpPermissions"]:
                sources = [r["CidrIp"] for r in perm.get("IpRanges", [])] + [
                    g["GroupId"] for g in perm.get("UserIdGroupPairs", [])
                ]
                for source in sources:
                    out.append((perm["IpProtocol"], perm.get("FromPort"), perm.get("ToPort"), source))
            return sorted(out, key=repr)

        ports = [80] if self.args.http_only else [80, 443]
        self.expect(
            rules(alb_sg) == sorted([("tcp", p, p, "0.0.0.0/0") for p in ports], key=repr),
            f"load balancer: ports {ports} from the allowed CIDR only",
            repr(rules(alb_sg)),
        )
        self.expect(
            rules(hosts_sg) == [("tcp", 8080, 8080, alb_sg)],
            "hosts: port 8080 from the load balancer's group only",
            repr(rules(hosts_sg)),
        )
        self.expect(
            rules(events_sg) == [("tcp", 6379, 6380, hosts_sg)],
            "event engine: ports 6379-6380 from the hosts' group only (live)",
            repr(rules(events_sg)),
        )
        self.expect(
            groups[events_sg].get("VpcId") == self.vpc,
            "event engine: its group in the stack's VPC",
            repr(groups[events_sg].get("VpcId")),
        )

    def verify_event_engine(self) -> None:
        elasticache = self.client("elasticache")
        name = f"{self.stack}-events"
        events_sg = self.physical["EventsSecurityGroup"]
        log(f"event engine {name} (ElastiCache Serverless)")

        def good(cache: Any) -> bool:
            # The same keys in the template and in DescribeServerlessCaches' answer.
            return (
                isinstance(cache, dict)
                and str(cache.get("ServerlessCacheName", "")).lower() == name.lower()
                and cache.get("Engine") == "valkey"
                and str(cache.get("MajorEngineVersion")) == "8"
                and cache.get("SecurityGroupIds") == [events_sg]
                and sorted(cache.get("SubnetIds") or []) == sorted(self.subnets)
            )

        self.live_or_declared(
            "Valkey 8, in the event engine's security group only, in the given subnets",
            lambda: elasticache.describe_serverless_caches(ServerlessCacheName=name)[
                "ServerlessCaches"
            ][0],
            lambda: self.resolver.properties("EventEngine"),
            good,
        )

    def verify_load_balancer(self) -> None:
        elb = self.client("elbv2")
        lb_arn = self.physical["LoadBalancer"]
        tg_arn = self.physical["TargetGroup"]
        log("load balancer")
        lb = elb.describe_load_balancers(LoadBalancerArns=[lb_arn])["LoadBalancers"][0]
        self.expect(
            (lb["Type"], lb["Scheme"]) == ("application", "internet-facing"),
            "an internet-facing Application Load Balancer",
            repr((lb["Type"], lb["Scheme"])),
        )
        self.expect(lb["DNSName"] == self.outputs.get("LoadBalancerDNSName"), "DNS name is the output's")
        self.expect(
            sorted(z["SubnetId"] for z in lb["AvailabilityZones"]) == sorted(self.subnets),
            "in the given subnets",
        )
        self.expect(lb.get("SecurityGroups") == [self.physical["LoadBalancerSecurityGroup"]], "its security group")

        def attributes(arn: str, target_group: bool) -> dict[str, str]:
            if target_group:
                found = elb.describe_target_group_attributes(TargetGroupArn=arn)["Attributes"]
            else:
                found = elb.describe_load_balancer_attributes(LoadBalancerArn=arn)["Attributes"]
            return {a["Key"]: a["Value"] for a in found}

        def declared(logical_id: str, key: str) -> dict[str, str]:
            return {a["Key"]: a["Value"] for a in self.resolver.properties(logical_id).get(key, [])}

        wanted_lb = {"idle_timeout.timeout_seconds": "300"}
        self.live_or_declared(
            "idle timeout 300 s (WebSockets)",
            lambda: attributes(lb_arn, False),
            lambda: declared("LoadBalancer", "LoadBalancerAttributes"),
            lambda v: isinstance(v, dict) and all(v.get(k) == x for k, x in wanted_lb.items()),
        )
        listeners = {
            l["Port"]: l for l in elb.describe_listeners(LoadBalancerArn=lb_arn)["Listeners"]
        }
        forward = [{"Type": "forward", "TargetGroupArn": tg_arn}]

        def actions(listener: dict[str, Any]) -> list[dict[str, Any]]:
            keep = ("Type", "TargetGroupArn", "RedirectConfig")
            return [{k: a[k] for k in keep if k in a} for a in listener.get("DefaultActions", [])]

        if self.args.http_only:
            self.expect(sorted(listeners) == [80], "listeners: port 80 only", repr(sorted(listeners)))
            if 80 in listeners:
                self.expect(
                    (listeners[80]["Protocol"], actions(listeners[80])) == ("HTTP", forward),
                    "port 80: HTTP, forwards to the target group",
                    repr(actions(listeners[80])),
                )
        else:
            self.expect(sorted(listeners) == [80, 443], "listeners: ports 80 and 443", repr(sorted(listeners)))
            if 80 in listeners:
                redirect = actions(listeners[80])
                config = redirect[0].get("RedirectConfig", {}) if redirect else {}
                self.expect(
                    len(redirect) == 1
                    and redirect[0]["Type"] == "redirect"
                    and (config.get("Protocol"), config.get("Port"), config.get("StatusCode"))
                    == ("HTTPS", "443", "HTTP_301"),
                    "port 80: redirects to HTTPS",
                    repr(redirect),
                )
            if 443 in listeners:
                https = listeners[443]
                self.expect(
                    (https["Protocol"], actions(https)) == ("HTTPS", forward)
                    and [c["CertificateArn"] for c in https.get("Certificates", [])] == [self.certificate],
                    "port 443: HTTPS with the certificate, forwards to the target group",
                    repr(https),
                )
        tg = elb.describe_target_groups(TargetGroupArns=[tg_arn])["TargetGroups"][0]
        got = (tg["Protocol"], tg["Port"], tg["VpcId"], tg.get("HealthCheckPath"), tg.get("TargetType"))
        self.expect(
            got == ("HTTP", 8080, self.vpc, "/readyz", "instance"),
            "target group: HTTP 8080 on the instances, health check /readyz",
            repr(got),
        )
        # No stickiness: any host serves any request (the hosts share session events).
        self.live_or_declared(
            "target group: 60 s deregistration delay, no stickiness",
            lambda: attributes(tg_arn, True),
            lambda: declared("TargetGroup", "TargetGroupAttributes"),
            lambda v: isinstance(v, dict)
            and v.get("deregistration_delay.timeout_seconds") == "60"
            and str(v.get("stickiness.enabled", "false")).lower() == "false",
        )

    def verify_hosts(self) -> None:
        ec2 = self.client("ec2")
        autoscaling = self.client("autoscaling")
        p = self.parameters
        lt_id = self.physical["LaunchTemplate"]
        log(f"launch template {lt_id}")
        version = ec2.describe_launch_template_versions(LaunchTemplateId=lt_id, Versions=["$Latest"])[
            "LaunchTemplateVersions"
        ][0]
        data = version["LaunchTemplateData"]
        ami = self.resolver.parameters["AmiId"]
        self.expect(data.get("ImageId") == ami, f"AMI {ami} (from the SSM parameter)", repr(data.get("ImageId")))
        self.expect(data.get("InstanceType") == "t3.medium", "instance type t3.medium (default)")
        self.expect(
            data.get("IamInstanceProfile", {}).get("Arn") == self.outputs.get("InstanceProfileArn"),
            "the instance profile",
        )
        self.expect(
            data.get("MetadataOptions", {}).get("HttpTokens") == "required"
            and data.get("MetadataOptions", {}).get("HttpPutResponseHopLimit") == 1,
            "IMDSv2 only, hop limit 1",
            repr(data.get("MetadataOptions")),
        )
        groups = [g for n in data.get("NetworkInterfaces", []) for g in n.get("Groups", [])]
        self.expect(groups == [self.physical["InstanceSecurityGroup"]], "the hosts' security group", repr(groups))
        user_data = base64.b64decode(data.get("UserData", "")).decode()
        expected_lines = [
            "exec /usr/local/bin/codebox serve --addr 0.0.0.0:8080 --storage aws",
            f"AWS_REGION={self.region}",
            f"S3_BUCKET={self.bucket}",
            f"DYNAMODB_SESSIONS_TABLE={p['SessionsTableName']}",
            f"DYNAMODB_FILES_TABLE={p['FilesTableName']}",
            f"MAX_EXECUTION_TIME={p['MaxExecutionTime']}",
            f"MAX_FILE_SIZE={p['MaxFileSize']}",
            f"SUPPORTED_LANGUAGES={p['SupportedLanguages']}",
            f"CODEBOX_API_KEYS_PARAMETER={p['ApiKeysParameterName']}",
            f"CODEBOX_TOKEN_SECRET_PARAMETER={p['TokenSecretParameterName']}",
            # codebox-start reads the token secret from SSM at every start.
            '--name "$CODEBOX_TOKEN_SECRET_PARAMETER" --with-decryption \\',
            "export CODEBOX_TOKEN_SECRET",
            # The event engine's endpoint: moto was given the stand-ins (template_for_moto).
            "CODEBOX_EVENTS_URL=rediss://{}:{}".format(
                MOTO_STAND_INS[("EventEngine", "Endpoint.Address")],
                MOTO_STAND_INS[("EventEngine", "Endpoint.Port")],
            ),
            f"CODEBOX_BINARY_URL='{p['CodeboxBinaryUrl']}'",
            f"CODEBOX_BINARY_SHA256='{p['CodeboxBinarySha256']}'",
            f'"log_group_name": "/codebox/{self.stack}",',
            "ExecStart=/usr/local/libexec/codebox-start",
            "StandardOutput=append:/var/log/codebox/codebox.log",
            "systemctl enable --now codebox.service",
        ]
        expected_fragments = ["dnf install -y podman", "amazon-cloudwatch-agent-ctl -a fetch-config"]
        lines = {line.strip() for line in user_data.splitlines()}
        missing = [line for line in expected_lines if line not in lines]
        missing += [fragment for fragment in expected_fragments if fragment not in user_data]
        self.expect(
            not missing,
            "user data: podman, the binary, the spec's variables, the secrets' parameters, the "
            "event engine's URL, the unit, log shipping",
            f"missing {missing}",
        )
        self.expect("${" not in user_data, "user data: every ${...} substituted")
        self.expect(user_data.startswith("#!/bin/bash\n"), "user data: a bash script")

        name = self.outputs.get("AutoScalingGroupName", "")
        log(f"Auto Scaling group {name}")
        groups_found = autoscaling.describe_auto_scaling_groups(AutoScalingGroupNames=[name])["AutoScalingGroups"]
        if not self.expect(len(groups_found) == 1, "exists"):
            return
        group = groups_found[0]
        self.expect(group.get("LaunchTemplate", {}).get("LaunchTemplateId") == lt_id, "uses the launch template")
        sizes = (group["MinSize"], group["MaxSize"], group["DesiredCapacity"])
        self.expect(
            sizes == (int(p["MinSize"]), int(p["MaxSize"]), int(p["DesiredCapacity"])),
            f"sizes min {p['MinSize']}, max {p['MaxSize']}, desired {p['DesiredCapacity']}",
            repr(sizes),
        )
        self.expect(group.get("TargetGroupARNs") == [self.physical["TargetGroup"]], "registers with the target group")
        self.expect(group.get("HealthCheckType") == "ELB", "replaces hosts the load balancer finds unhealthy")
        self.expect(
            sorted(group.get("VPCZoneIdentifier", "").split(",")) == sorted(self.subnets),
            "in the given subnets",
            repr(group.get("VPCZoneIdentifier")),
        )

    # ---- 5. report

    def report(self) -> dict[str, str]:
        result = dict(self.outputs)
        result["StackName"] = self.stack
        result["Region"] = self.region
        return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoint", required=True, help="the moto server, e.g. http://127.0.0.1:5000")
    parser.add_argument("--stack-name", help="default: codebox-check-SUFFIX")
    parser.add_argument(
        "--suffix",
        default=uuid.uuid4().hex[:8],
        help="makes table, bucket and stack names unique (lowercase letters, digits, '-'; default random)",
    )
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--http-only", action="store_true", help="deploy without a certificate (HTTP on port 80 only)")
    parser.add_argument("--timeout", type=float, default=180, help="seconds to wait for the stack")
    args = parser.parse_args()
    if not re.fullmatch(r"[a-z0-9](?:[a-z0-9-]{0,18}[a-z0-9])?", args.suffix):
        parser.error("--suffix: 1 to 20 lowercase letters, digits or '-', not starting or ending with '-'")
    try:
        import boto3  # noqa: F401
    except ImportError:
        log("deploy_check: FAILED: boto3 is not installed (python3 -m pip install 'moto[server]' brings it)")
        return 1
    check = Check(args)
    try:
        check.lint()
        check.deploy()
        check.verify()
    except CheckFailed as e:
        check.failures.append(str(e))
    except Exception as e:  # an unexpected answer from moto or a bug here: still exit 1, clearly
        check.failures.append(f"{type(e).__name__}: {e}")
    if check.failures:
        log(f"deploy_check: FAILED ({len(check.failures)}):")
        for failure in check.failures:
            log(f"  - {failure}")
        return 1
    log("deploy_check: all checks passed")
    print(json.dumps(check.report(), sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
