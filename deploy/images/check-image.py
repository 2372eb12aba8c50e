#!/usr/bin/env python3
"""Checks an image archive written by the build (deploy/images/build.sh) against the Kubernetes Deployment that runs it.

  deploy/images/check-image.py IMAGE_TAR DEPLOYMENT_YAML [FILE_IN_IMAGE=LOCAL_FILE ...]

The archive is the one Jib hands to 'docker load' (manifest.json, config, gzipped layers). Checked:
 - its name:tag is exactly the Deployment's image;
 - the config runs what the Deployment expects: user = runAsUser, the exposed ports = the container's ports, the
   entrypoint starts quarkus-run.jar in the working directory with JAVA_OPTS_APPEND, whose default in the image is the
   Deployment's value (both come from maillage.jvm-options); OCI title and version labels;
 - the layers added to the base hold the whole fast-jar (quarkus-run.jar, lib/boot, lib/main, app, quarkus) and every
   FILE_IN_IMAGE as a regular file with LOCAL_FILE's size (e.g. the communes reference);
 - the base layers hold a java that the entrypoint's PATH finds.
Exit 1 with one line per failure.
"""
import json, os, sys, tarfile
import yaml

tar_path, deployment_path, *extra = sys.argv[1:]
failures = []
def fail(msg): failures.append(msg)

deployment = next(d for d in yaml.safe_load_all(open(deployment_path)) if d and d.get('kind') == 'Deployment')
pod = deployment['spec']['template']['spec']
container = pod['containers'][0]
env = {e['name']: e.get('value') for e in container.get('env', [])}

with tarfile.open(tar_path) as image:
    manifest = json.load(image.extractfile('manifest.json'))[0]
    config = json.load(image.extractfile(manifest['Config']))
    cfg = config['config']
    tags = manifest.get('RepoTags') or []
    if tags != [container['image']]:
        fail(f"image name:tag {tags} is not the Deployment's image {container['image']}")

    user = str(pod.get('securityContext', {}).get('runAsUser'))
    if cfg.get('User') != user:
        fail(f"user {cfg.get('User')!r} is not the Deployment's runAsUser {user}")
    ports = sorted(f"{p['containerPort']}/tcp" for p in container['ports'])
    if sorted(cfg.get('ExposedPorts', {})) != ports:
        fail(f"exposed ports {sorted(cfg.get('ExposedPorts', {}))} are not the Deployment's {ports}")
    workdir = cfg.get('WorkingDir', '')
    if cfg.get('Entrypoint') != ['/bin/sh', '-c', 'exec java $JAVA_OPTS_APPEND -jar quarkus-run.jar']:
        fail(f"entrypoint {cfg.get('Entrypoint')} does not exec java with $JAVA_OPTS_APPEND on quarkus-run.jar")
    image_env = dict(e.split('=', 1) for e in cfg.get('Env', []))
    if image_env.get('JAVA_OPTS_APPEND') != env.get('JAVA_OPTS_APPEND'):
        fail(f"JAVA_OPTS_APPEND of the image {image_env.get('JAVA_OPTS_APPEND')!r} is not the Deployment's {env.get('JAVA_OPTS_APPEND')!r}")
    labels = cfg.get('Labels') or {}
    name, tag = container['image'].rsplit(':', 1)
    if labels.get('org.opencontainers.image.title') != deployment['metadata']['name'] \
            or labels.get('org.opencontainers.image.version') != tag:
        fail(f"labels title/version {labels.get('org.opencontainers.image.title')}/{labels.get('org.opencontainers.image.version')} "
             f"are not {deployment['metadata']['name']}/{tag}")

    # Layers: the base's come first (its diff_ids), then the application's.
    layers = manifest['Layers']
    files = {}
    for i, layer in enumerate(layers):
        with tarfile.open(fileobj=image.extractfile(layer), mode='r:*') as t:
            for m in t:
                files['/' + m.name.lstrip('./')] = (m, i)
    app = workdir.rstrip('/')
    wanted = [f'{app}/quarkus-run.jar', f'{app}/quarkus/quarkus-application.dat', f'{app}/lib/boot/', f'{app}/lib/main/', f'{app}/app/']
    regular = {p for p, (m, _) in files.items() if m.isfile()}
    for w in wanted:
        present = any(p.startswith(w) for p in regular) if w.endswith('/') else w in regular
        if not present:
            fail(f"the fast-jar's {w} is missing from the image")
    for pair in extra:
        inside, local = pair.split('=', 1)
        m = files.get(inside, (None, 0))[0]
        if m is None or not m.isfile() or m.size != os.path.getsize(local):
            fail(f"{inside} is not in the image as a regular file of {os.path.getsize(local)} bytes (from {local})")
    path = image_env.get('PATH', '')
    java = [d + '/java' for d in path.split(':') if d + '/java' in files]
    if not java:
        fail(f"no java on the image's PATH ({path})")

if failures:
    for f in failures:
        print(f"image {tar_path}: {f}", file=sys.stderr)
    sys.exit(1)
print(f"{container['image']}: {len(layers)} layers, user {cfg['User']}, ports {', '.join(ports)}, "
      f"java {java[0]}, fast-jar in {app}, JAVA_OPTS_APPEND as the Deployment's")
