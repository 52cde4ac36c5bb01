package dev.mqttrr.architecture;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of mqtt-rr's main code: dependencies only point down, Paho stays behind the
 * connection, and Testcontainers and Docker Compose stay in the service connection packages, so
 * the starter works without them.
 */
@AnalyzeClasses(packages = "dev.mqttrr", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String PAHO = "org.eclipse.paho..";

	private static final String[] SERVICE_CONNECTIONS = { "dev.mqttrr.testcontainers..",
			"dev.mqttrr.docker.compose.." };

	private static final String[] TESTCONTAINERS = { "org.testcontainers..",
			"org.springframework.boot.testcontainers.." };

	private static final String DOCKER_COMPOSE = "org.springframework.boot.docker.compose..";

	@ArchTest
	static final ArchRule packagesHaveNoCycles = slices().matching("dev.mqttrr.(**)").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule layersOnlyPointDown = layeredArchitecture().consideringOnlyDependenciesInLayers()
		.layer("serviceConnections").definedBy(SERVICE_CONNECTIONS)
		.layer("autoconfigure").definedBy("dev.mqttrr.autoconfigure..")
		.layer("annotation").definedBy("dev.mqttrr.annotation..")
		.layer("responder").definedBy("dev.mqttrr.responder..")
		.layer("connection").definedBy("dev.mqttrr.connection..")
		.layer("core").definedBy("dev.mqttrr.core..")
		.layer("support").definedBy("dev.mqttrr.support..")
		.whereLayer("serviceConnections").mayNotBeAccessedByAnyLayer()
		.whereLayer("autoconfigure").mayOnlyBeAccessedByLayers("serviceConnections")
		.whereLayer("annotation").mayOnlyBeAccessedByLayers("autoconfigure")
		.whereLayer("responder").mayOnlyBeAccessedByLayers("annotation", "autoconfigure")
		.whereLayer("connection").mayOnlyBeAccessedByLayers("autoconfigure")
		.whereLayer("core").mayOnlyBeAccessedByLayers("connection", "responder", "annotation", "autoconfigure")
		.whereLayer("support").mayOnlyBeAccessedByLayers("core", "connection", "responder", "annotation",
				"autoconfigure");

	/** Service connections hand Boot an {@code MqttConnectionDetails} and use nothing else of ours. */
	@ArchTest
	static final ArchRule serviceConnectionsUseOnlyTheConnectionDetails = noClasses().that()
		.resideInAnyPackage(SERVICE_CONNECTIONS)
		.should().dependOnClassesThat().resideInAnyPackage("dev.mqttrr.autoconfigure.embedded..",
				"dev.mqttrr.annotation..", "dev.mqttrr.responder..", "dev.mqttrr.connection..", "dev.mqttrr.core..",
				"dev.mqttrr.support..");

	@ArchTest
	static final ArchRule onlyTheTestcontainersPackageUsesTestcontainers = noClasses().that()
		.resideOutsideOfPackage("dev.mqttrr.testcontainers..")
		.should().dependOnClassesThat().resideInAnyPackage(TESTCONTAINERS);

	@ArchTest
	static final ArchRule onlyTheDockerComposePackageUsesDockerCompose = noClasses().that()
		.resideOutsideOfPackage("dev.mqttrr.docker.compose..")
		.should().dependOnClassesThat().resideInAPackage(DOCKER_COMPOSE);

	@ArchTest
	static final ArchRule supportDependsOnNothingOfOurs = noClasses().that().resideInAPackage("dev.mqttrr.support..")
		.should().dependOnClassesThat().resideOutsideOfPackages("dev.mqttrr.support..", "java..", "javax..",
				"org.springframework..", "org.jspecify..", "org.apache.commons.logging..");

	@ArchTest
	static final ArchRule onlyTheConnectionAndTheAutoConfigurationUsePaho = noClasses().that()
		.resideOutsideOfPackages("dev.mqttrr.connection..", "dev.mqttrr.autoconfigure..")
		.should().dependOnClassesThat().resideInAPackage(PAHO);

	@ArchTest
	static final ArchRule noPublicTypeOutsideTheConnectionExposesPahoMessagesOrClients = noClasses().that()
		.resideOutsideOfPackage("dev.mqttrr.connection..")
		.and().arePublic()
		.should(exposePahoMessagesOrClients());

	private static ArchCondition<JavaClass> exposePahoMessagesOrClients() {
		return new ArchCondition<>("expose Paho's MqttMessage or MqttAsyncClient in a public signature") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				for (JavaMember member : type.getMembers()) {
					if (member.getModifiers().contains(JavaModifier.PUBLIC)
							&& signature(member).stream().anyMatch(ArchitectureTests::isPahoMessageOrClient)) {
						events.add(SimpleConditionEvent.satisfied(member,
								member.getFullName() + " exposes a Paho message or client"));
					}
				}
			}

		};
	}

	private static List<JavaClass> signature(JavaMember member) {
		List<JavaClass> types = new ArrayList<>();
		if (member instanceof JavaField field) {
			types.add(field.getRawType());
		}
		if (member instanceof JavaCodeUnit code) {
			types.add(code.getRawReturnType());
			types.addAll(code.getRawParameterTypes());
		}
		return types;
	}

	private static boolean isPahoMessageOrClient(JavaClass type) {
		String name = type.getName();
		return name.equals("org.eclipse.paho.mqttv5.common.MqttMessage")
				|| name.equals("org.eclipse.paho.mqttv5.client.MqttAsyncClient");
	}

}
