import sys, xml.etree.ElementTree as ET
parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))
tree = ET.parse(sys.argv[1], parser)
for parent in tree.iter():
    for child in list(parent):
        if child.tag in ('description', 'section'):
            parent.remove(child)
root = tree.getroot()
head = open(sys.argv[1], encoding='utf-8').read().split('<tables', 1)[0]
body = ET.tostring(root, encoding='unicode')
open(sys.argv[2], 'w', encoding='utf-8').write(head + body + '\n')
