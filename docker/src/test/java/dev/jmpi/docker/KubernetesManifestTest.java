package dev.jmpi.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.core.internal.JobEnvironment;
import dev.jmpi.core.internal.JobSources;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes/jmpi-job.yaml, checked without a cluster: its structure (Indexed Job and
 * headless Service, and how they refer to each other and to the Secret that
 * deploy/kubernetes/create-secret.sh makes), its hygiene (no secret in the file, a deadline,
 * non-root pods) and what the core's bootstrap makes of the environment each pod of the job
 * would see.
 */
class KubernetesManifestTest {

    private static final Path MANIFEST =
            Path.of(System.getProperty("jmpi.repo.root", ".."), "deploy", "kubernetes", "jmpi-job.yaml");
    private static final Path CREATE_SECRET = MANIFEST.resolveSibling("create-secret.sh");
    private static final int IMAGE_UID = 10001;

    private static Map<String, Object> service;
    private static Map<String, Object> job;

    @BeforeAll
    static void load() throws Exception {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(MANIFEST)) {
            for (Object doc : new Yaml().loadAll(r)) {
                docs.add(map(doc));
            }
        }
        for (Map<String, Object> d : docs) {
            switch (String.valueOf(d.get("kind"))) {
                case "Service" -> service = d;
                case "Job" -> job = d;
                default -> throw new AssertionError("unexpected kind " + d.get("kind") + " in " + MANIFEST);
            }
        }
        assertEquals(2, docs.size(), "expected a Service and a Job (and no Secret) in " + MANIFEST);
        assertNotNull(service, "no Service");
        assertNotNull(job, "no Job");
    }

    @Test
    void jobIsIndexedWithOnePodPerRank() {
        Map<String, Object> spec = map(job.get("spec"));
        assertEquals("batch/v1", job.get("apiVersion"));
        assertEquals("Indexed", spec.get("completionMode"));
        int size = Integer.parseInt(env().get("JMPI_SIZE"));
        assertEquals(size, spec.get("completions"), "completions must equal JMPI_SIZE");
        assertEquals(size, spec.get("parallelism"), "parallelism must equal JMPI_SIZE: all ranks run at once");
        assertEquals(0, spec.get("backoffLimit"), "a failed rank fails the job");
        assertEquals("Never", podSpec().get("restartPolicy"));
    }

    @Test
    void headlessServiceNamesThePodsOfTheJob() {
        Map<String, Object> spec = map(service.get("spec"));
        String serviceName = name(service);
        assertEquals("None", spec.get("clusterIP"), "the Service must be headless");
        assertEquals(Boolean.TRUE, spec.get("publishNotReadyAddresses"), "ranks resolve each other before ready");
        assertEquals(serviceName, podSpec().get("subdomain"), "pod subdomain must be the Service's name");
        Map<String, Object> selector = map(spec.get("selector"));
        assertEquals(
                name(job),
                selector.get("batch.kubernetes.io/job-name"),
                "the Service must select the Job's pods (label set by the Job controller)");
    }

    @Test
    void rendezvousIsTheIndexZeroPodOnAServedPort() {
        String rendezvous = env().get("JMPI_RENDEZVOUS");
        assertNotNull(rendezvous, "JMPI_RENDEZVOUS not set");
        String port = rendezvous.substring(rendezvous.lastIndexOf(':') + 1);
        assertEquals(name(job) + "-0." + name(service) + ":" + port, rendezvous);
        List<Object> servicePorts = new ArrayList<>();
        for (Object p : list(map(service.get("spec")).get("ports"))) {
            servicePorts.add(map(p).get("port"));
        }
        assertTrue(servicePorts.contains(Integer.parseInt(port)), "Service ports " + servicePorts + " lack " + port);
        List<Object> containerPorts = new ArrayList<>();
        for (Object p : list(container().get("ports"))) {
            containerPorts.add(map(p).get("containerPort"));
        }
        assertTrue(containerPorts.contains(Integer.parseInt(port)), "container ports lack " + port);
        assertTrue(containerPorts.contains(Integer.parseInt(env().get("JMPI_PORT"))), "container ports lack JMPI_PORT");
    }

    @Test
    void secretComesFromTheSecretTheScriptCreatesNeverFromTheFile() throws Exception {
        Map<String, Object> ref = secretRef();
        assertNotNull(ref, "JMPI_SECRET must come from a secretKeyRef, never a literal in the pod spec");
        String script = Files.readString(CREATE_SECRET);
        assertTrue(
                script.contains("name=\"${1:-" + ref.get("name") + "}\""),
                CREATE_SECRET + " must create the Secret the pods refer to, " + ref.get("name"));
        assertTrue(
                script.contains("kubectl create secret generic \"$name\" --from-literal=" + ref.get("key")
                        + "=\"$(openssl rand -base64 32)\""),
                CREATE_SECRET + " must generate key " + ref.get("key") + " as 32 random bytes in base64");
        String manifest = Files.readString(MANIFEST);
        assertFalse(
                manifest.contains("stringData") || manifest.contains("\ndata:"),
                "the manifest must hold no secret value: " + MANIFEST);
    }

    @Test
    void jobEndsAtItsDeadline() {
        Object deadline = map(job.get("spec")).get("activeDeadlineSeconds");
        assertTrue(deadline instanceof Integer d && d > 0, "the Job needs activeDeadlineSeconds > 0, got " + deadline);
    }

    @Test
    void podsRunAsTheImagesUnprivilegedUserWithoutCapabilities() {
        Map<String, Object> pod = map(podSpec().get("securityContext"));
        assertEquals(Boolean.TRUE, pod.get("runAsNonRoot"));
        assertEquals(IMAGE_UID, pod.get("runAsUser"), "the image's user jmpi (docker/Dockerfile)");
        assertEquals(IMAGE_UID, pod.get("runAsGroup"));
        assertEquals("RuntimeDefault", map(pod.get("seccompProfile")).get("type"));
        assertEquals(Boolean.FALSE, podSpec().get("automountServiceAccountToken"));
        Map<String, Object> box = map(container().get("securityContext"));
        assertEquals(Boolean.FALSE, box.get("allowPrivilegeEscalation"));
        assertEquals(Boolean.TRUE, box.get("readOnlyRootFilesystem"));
        assertEquals(List.of("ALL"), map(box.get("capabilities")).get("drop"));
        boolean tmpMounted = false;
        for (Object m : list(container().get("volumeMounts"))) {
            tmpMounted |= "/tmp".equals(map(m).get("mountPath"));
        }
        assertTrue(tmpMounted, "a read-only root needs a writable /tmp (JVM perf data, temp files)");
    }

    @Test
    void everyPodBootstrapsAsItsIndexWithRankZeroHostingTheRendezvous() throws Exception {
        int size = Integer.parseInt(env().get("JMPI_SIZE"));
        byte[] secretBytes = new byte[32];
        new SecureRandom().nextBytes(secretBytes);
        String secretValue = Base64.getEncoder().encodeToString(secretBytes);
        for (int index = 0; index < size; index++) {
            Map<String, String> podEnv = new HashMap<>(env());
            podEnv.put("JMPI_SECRET", secretValue);
            podEnv.put("JOB_COMPLETION_INDEX", Integer.toString(index));
            podEnv.put("HOSTNAME", name(job) + "-" + index);
            JobEnvironment je;
            try (InputStream none = InputStream.nullInputStream()) {
                je = JobSources.detect(podEnv, none);
            }
            assertNotNull(je, "the pod environment is not recognised as a job");
            assertEquals(index, je.rank());
            assertEquals(size, je.size());
            assertEquals(name(job) + "-0." + name(service), je.rendezvousHost());
            assertEquals(7100, je.rendezvousPort());
            assertTrue(je.hostRendezvous(), "rank 0 must host the rendezvous");
            assertEquals(env().get("JMPI_JOB_ID"), je.jobId());
            assertArrayEquals(Base64.getDecoder().decode(secretValue), je.secret());
            assertEquals(7101, je.firstPort());
        }
    }

    @Test
    void commandRunsAnExampleOnTheImageClassPath() throws Exception {
        List<Object> command = list(container().get("command"));
        assertEquals("java", command.get(0));
        int cp = command.indexOf("-cp");
        assertTrue(cp > 0, "no -cp in " + command);
        assertTrue(
                String.valueOf(command.get(cp + 1)).startsWith("/opt/jmpi/lib/*"),
                "the class path must start with the image's jmpi runtime: " + command);
        Class.forName(String.valueOf(command.get(cp + 2)));
    }

    private static Map<String, Object> secretRef() {
        for (Object e : list(container().get("env"))) {
            Map<String, Object> var = map(e);
            if ("JMPI_SECRET".equals(var.get("name")) && var.containsKey("valueFrom")) {
                return map(map(var.get("valueFrom")).get("secretKeyRef"));
            }
        }
        return null;
    }

    private static Map<String, Object> podSpec() {
        return map(map(map(job.get("spec")).get("template")).get("spec"));
    }

    private static Map<String, Object> container() {
        List<Object> containers = list(podSpec().get("containers"));
        assertEquals(1, containers.size(), "one container per rank pod");
        return map(containers.get(0));
    }

    /** The literal environment of the rank container (secret references left out). */
    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        for (Object e : list(container().get("env"))) {
            Map<String, Object> var = map(e);
            if (var.containsKey("value")) {
                env.put(String.valueOf(var.get("name")), String.valueOf(var.get("value")));
            }
        }
        return env;
    }

    private static String name(Map<String, Object> resource) {
        return String.valueOf(map(resource.get("metadata")).get("name"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertTrue(o instanceof Map, () -> "expected a mapping, got " + o);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        assertTrue(o instanceof List, () -> "expected a list, got " + o);
        return (List<Object>) o;
    }
}
